#include "Tree.h"

#include "Error.h"

#include <QCborArray>
#include <QCborMap>
#include <algorithm>

namespace trove {
namespace {

// Short keys keep a 32,768-entry tree small; FORMAT.md spells them out.
const QString KeyName = QStringLiteral("n"), KeyKind = QStringLiteral("k"), KeySize = QStringLiteral("s"),
              KeyMtime = QStringLiteral("m"), KeyMode = QStringLiteral("p"), KeyCount = QStringLiteral("f"),
              KeyChunks = QStringLiteral("c"), KeyList = QStringLiteral("l"), KeyTree = QStringLiteral("t");

bool nameLess(const TreeEntry &e, const QString &name) { return e.name < name; }

QCborArray refsToCbor(const QList<Ref> &refs)
{
    QCborArray a;
    for (const Ref &r : refs)
        a.append(r.toCbor());
    return a;
}

QList<Ref> refsFromCbor(const QCborArray &a)
{
    QList<Ref> refs;
    refs.reserve(a.size());
    for (const QCborValue &v : a)
        refs.append(Ref::fromCbor(v));
    return refs;
}

} // namespace

int Tree::find(const QString &name) const
{
    const auto it = std::lower_bound(entries.begin(), entries.end(), name, nameLess);
    return it != entries.end() && it->name == name ? int(it - entries.begin()) : -1;
}

const TreeEntry *Tree::entry(const QString &name) const
{
    const int i = find(name);
    return i < 0 ? nullptr : &entries[i];
}

void Tree::upsert(TreeEntry entry)
{
    const auto it = std::lower_bound(entries.begin(), entries.end(), entry.name, nameLess);
    if (it != entries.end() && it->name == entry.name)
        *it = std::move(entry);
    else
        entries.insert(it, std::move(entry));
}

bool Tree::erase(const QString &name)
{
    const int i = find(name);
    if (i < 0)
        return false;
    entries.removeAt(i);
    return true;
}

QByteArray Tree::encode() const
{
    QCborArray list;
    for (const TreeEntry &e : entries) {
        QCborMap m;
        m.insert(KeyName, e.name);
        m.insert(KeyKind, int(e.kind));
        m.insert(KeySize, e.size);
        m.insert(KeyMtime, e.mtimeMs);
        if (e.isDir()) {
            m.insert(KeyCount, e.fileCount);
            m.insert(KeyTree, e.subtree.toCbor());
        } else {
            m.insert(KeyMode, qint64(e.mode));
            if (!e.chunkList.isNull())
                m.insert(KeyList, e.chunkList.toCbor());
            else
                m.insert(KeyChunks, refsToCbor(e.chunks));
        }
        list.append(m);
    }
    return QCborMap{{QStringLiteral("v"), 1}, {QStringLiteral("e"), list}}.toCborValue().toCbor();
}

Tree Tree::decode(const QByteArray &bytes, const QString &what)
{
    QCborParserError error;
    const QCborMap map = QCborValue::fromCbor(bytes, &error).toMap();
    if (error.error != QCborError::NoError || map.value(QStringLiteral("v")).toInteger() != 1)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 is not a readable directory tree").arg(what));
    Tree tree;
    const QCborArray list = map.value(QStringLiteral("e")).toArray();
    tree.entries.reserve(list.size());
    for (const QCborValue &v : list) {
        const QCborMap m = v.toMap();
        TreeEntry e;
        e.name = m.value(KeyName).toString();
        e.kind = TreeEntry::Kind(m.value(KeyKind).toInteger());
        e.size = m.value(KeySize).toInteger();
        e.mtimeMs = m.value(KeyMtime).toInteger();
        if (e.isDir()) {
            e.fileCount = m.value(KeyCount).toInteger();
            e.subtree = Ref::fromCbor(m.value(KeyTree));
        } else {
            e.mode = quint32(m.value(KeyMode).toInteger());
            if (m.contains(KeyList))
                e.chunkList = Ref::fromCbor(m.value(KeyList));
            else
                e.chunks = refsFromCbor(m.value(KeyChunks).toArray());
        }
        // A name that could step out of a directory must never reach a local path.
        if (e.name.isEmpty() || e.name == QLatin1String(".") || e.name == QLatin1String("..")
            || e.name.contains(QLatin1Char('/')) || e.name.contains(QLatin1Char('\\')) || e.name.contains(QChar(0)))
            fail(Error::Kind::Corrupt, QStringLiteral("%1 has an entry with an unsafe name").arg(what));
        tree.entries.append(std::move(e));
    }
    return tree;
}

namespace chunklist {

QByteArray encode(const QList<Ref> &chunks) { return QCborValue(refsToCbor(chunks)).toCbor(); }

QList<Ref> decode(const QByteArray &bytes, const QString &what)
{
    const QCborValue v = QCborValue::fromCbor(bytes);
    if (!v.isArray())
        fail(Error::Kind::Corrupt, QStringLiteral("%1 is not a readable chunk list").arg(what));
    return refsFromCbor(v.toArray());
}

} // namespace chunklist
} // namespace trove
