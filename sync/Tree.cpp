#include "Tree.h"

#include "Error.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <algorithm>

namespace trove {
namespace {

// Short keys keep a 32,768-entry tree small; FORMAT.md spells them out.
constexpr char KeyName = 'n', KeyKind = 'k', KeySize = 's', KeyMtime = 'm', KeyMode = 'p', KeyCount = 'f',
               KeyChunks = 'c', KeyList = 'l', KeyTree = 't';

bool nameLess(const TreeEntry &e, const QString &name) { return e.name < name; }

void writeRefs(QCborStreamWriter &w, const QList<Ref> &refs)
{
    w.startArray(quint64(refs.size()));
    for (const Ref &r : refs)
        r.writeCbor(w);
    w.endArray();
}

void writeKey(QCborStreamWriter &w, char key) { w.append(QLatin1StringView(&key, 1)); }

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

// Written with the streaming writer: building a QCborValue document first cost more than
// the rest of a commit of 20,000 small files.
QByteArray Tree::encode() const
{
    QByteArray out;
    QCborStreamWriter w(&out);
    w.startMap(2);
    w.append(QLatin1StringView("v"));
    w.append(qint64(1));
    w.append(QLatin1StringView("e"));
    w.startArray(quint64(entries.size()));
    for (const TreeEntry &e : entries) {
        w.startMap(6);
        writeKey(w, KeyName);
        w.append(QStringView(e.name));
        writeKey(w, KeyKind);
        w.append(qint64(e.kind));
        writeKey(w, KeySize);
        w.append(qint64(e.size));
        writeKey(w, KeyMtime);
        w.append(qint64(e.mtimeMs));
        if (e.isDir()) {
            writeKey(w, KeyCount);
            w.append(qint64(e.fileCount));
            writeKey(w, KeyTree);
            e.subtree.writeCbor(w);
        } else {
            writeKey(w, KeyMode);
            w.append(qint64(e.mode));
            if (!e.chunkList.isNull()) {
                writeKey(w, KeyList);
                e.chunkList.writeCbor(w);
            } else {
                writeKey(w, KeyChunks);
                writeRefs(w, e.chunks);
            }
        }
        w.endMap();
    }
    w.endArray();
    w.endMap();
    return out;
}

namespace {

// Trees are read far more often than written: decode them with the streaming reader rather
// than building a CBOR document first (a 32,768-entry tree is ~2 MB).
class TreeReader
{
public:
    TreeReader(const QByteArray &bytes, const QString &what) : m_r(bytes), m_what(what) {}

    Tree read()
    {
        Tree tree;
        bool versionSeen = false;
        enter(QCborStreamReader::Map);
        while (m_r.hasNext()) {
            const QString key = string();
            if (key == QLatin1String("v")) {
                versionSeen = integer() == 1;
            } else if (key == QLatin1String("e")) {
                if (m_r.isArray() && m_r.isLengthKnown())
                    tree.entries.reserve(qsizetype(m_r.length()));
                enter(QCborStreamReader::Array);
                while (m_r.hasNext())
                    tree.entries.append(entry());
                leave();
            } else {
                m_r.next();
            }
        }
        leave();
        if (!versionSeen || m_r.lastError() != QCborError::NoError)
            corrupt();
        return tree;
    }

private:
    [[noreturn]] void corrupt() { fail(Error::Kind::Corrupt, QStringLiteral("%1 is not a readable directory tree").arg(m_what)); }

    void enter(QCborStreamReader::Type type)
    {
        if (m_r.type() != type || !m_r.enterContainer())
            corrupt();
    }
    void leave()
    {
        if (m_r.lastError() != QCborError::NoError || !m_r.leaveContainer())
            corrupt();
    }
    // A text or byte string, which CBOR may deliver in several pieces.
    template<typename T> T chunked(bool isRightType, QCborStreamReader::StringResult<T> (QCborStreamReader::*read)())
    {
        if (!isRightType)
            corrupt();
        T out;
        auto chunk = (m_r.*read)();
        while (chunk.status == QCborStreamReader::Ok) {
            out += chunk.data;
            chunk = (m_r.*read)();
        }
        if (chunk.status == QCborStreamReader::Error)
            corrupt();
        return out;
    }
    QString string() { return chunked(m_r.isString(), &QCborStreamReader::readString); }
    QByteArray bytes() { return chunked(m_r.isByteArray(), &QCborStreamReader::readByteArray); }
    // A string of exactly `size` bytes in one piece, read into `out` without allocating; false
    // (nothing read) for any other length or encoding, which the caller reads the slow way.
    bool readInPlace(bool isRightType, char *out, qsizetype size)
    {
        if (!isRightType || !m_r.isLengthKnown() || m_r.length() != quint64(size))
            return false;
        if (m_r.readStringChunk(out, size).data != size || m_r.readStringChunk(nullptr, 0).status != QCborStreamReader::EndOfString)
            corrupt();
        return true;
    }
    // A map key: the format's keys are one letter (0 for another key).
    char key()
    {
        char letter = 0;
        if (readInPlace(m_r.isString(), &letter, 1))
            return letter;
        const QString other = string(); // in pieces, or a key a later version may add
        return other.size() == 1 && other.front().unicode() < 0x80 ? char(other.front().unicode()) : 0;
    }
    // A SHA-256 (two per reference, a reference per chunk).
    Hash hash()
    {
        char raw[Hash::Size];
        if (readInPlace(m_r.isByteArray(), raw, Hash::Size))
            return Hash::fromRaw(QByteArrayView(raw, Hash::Size));
        return Hash::fromRaw(bytes()); // names the damage, or reads another encoding of it
    }
    qint64 integer()
    {
        if (!m_r.isInteger())
            corrupt();
        const qint64 v = m_r.toInteger();
        m_r.next();
        return v;
    }
    Ref ref()
    {
        if (m_r.isNull()) {
            m_r.next();
            return {};
        }
        enter(QCborStreamReader::Array);
        Ref r;
        r.hash = hash();
        if (m_r.isNull())
            m_r.next();
        else
            r.pack = hash();
        r.offset = integer();
        r.length = integer();
        leave();
        if (r.offset < 0 || r.length < 0)
            corrupt();
        return r;
    }
    TreeEntry entry()
    {
        TreeEntry e;
        enter(QCborStreamReader::Map);
        while (m_r.hasNext()) {
            switch (key()) {
            case KeyName: e.name = string(); break;
            case KeyKind: e.kind = TreeEntry::Kind(integer()); break;
            case KeySize: e.size = integer(); break;
            case KeyMtime: e.mtimeMs = integer(); break;
            case KeyMode: e.mode = quint32(integer()); break;
            case KeyCount: e.fileCount = integer(); break;
            case KeyTree: e.subtree = ref(); break;
            case KeyList: e.chunkList = ref(); break;
            case KeyChunks:
                if (m_r.isArray() && m_r.isLengthKnown())
                    e.chunks.reserve(qsizetype(m_r.length()));
                enter(QCborStreamReader::Array);
                while (m_r.hasNext())
                    e.chunks.append(ref());
                leave();
                break;
            default: m_r.next(); // a key a later version may add
            }
        }
        leave();
        // A name that could step out of a directory must never reach a local path.
        if (e.name.isEmpty() || e.name == QLatin1String(".") || e.name == QLatin1String("..")
            || e.name.contains(QLatin1Char('/')) || e.name.contains(QLatin1Char('\\')) || e.name.contains(QChar(0)))
            fail(Error::Kind::Corrupt, QStringLiteral("%1 has an entry with an unsafe name").arg(m_what));
        return e;
    }

    QCborStreamReader m_r;
    QString m_what;
};

} // namespace

Tree Tree::decode(const QByteArray &bytes, const QString &what)
{
    return TreeReader(bytes, what).read();
}

namespace chunklist {

QByteArray encode(const QList<Ref> &chunks)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    writeRefs(w, chunks);
    return out;
}

QList<Ref> decode(const QByteArray &bytes, const QString &what)
{
    const QCborValue v = QCborValue::fromCbor(bytes);
    if (!v.isArray())
        fail(Error::Kind::Corrupt, QStringLiteral("%1 is not a readable chunk list").arg(what));
    return refsFromCbor(v.toArray());
}

} // namespace chunklist
} // namespace trove
