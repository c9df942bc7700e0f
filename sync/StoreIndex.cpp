#include "StoreIndex.h"

#include "Error.h"
#include "Journal.h"
#include "Repository.h"
#include "Store.h"
#include "Tree.h"

namespace trove::storeindex {
namespace {

const QString Prefix = QStringLiteral("index/");

// An index object's chunks; nullopt when it is gone or damaged (it is only a hint).
std::optional<QList<Ref>> read(Repository &repo, const QString &key)
{
    try {
        const QByteArray body = repo.store().get(key);
        if (Prefix + Hash::of(body).hex() != key)
            return std::nullopt;
        return chunklist::decode(body, key);
    } catch (const Error &e) {
        if (e.kind() == Error::Kind::NotFound || e.kind() == Error::Kind::Corrupt)
            return std::nullopt;
        throw;
    }
}

} // namespace

qint64 load(Repository &repo)
{
    Journal &journal = repo.journal();
    const QSet<QString> loaded = journal.loadedIndexes();
    QStringList fresh;
    qint64 chunks = 0;
    for (const ObjectInfo &o : repo.store().listAll(Prefix)) {
        if (loaded.contains(o.key))
            continue;
        if (const std::optional<QList<Ref>> refs = read(repo, o.key)) {
            journal.record(*refs);
            chunks += refs->size();
        }
        fresh.append(o.key);
    }
    journal.rememberIndexes(fresh);
    return chunks;
}

QString publish(Repository &repo, const QList<Ref> &chunks)
{
    if (chunks.isEmpty())
        return {};
    const QByteArray body = chunklist::encode(chunks);
    const QString key = Prefix + Hash::of(body).hex();
    repo.store().put(key, body);
    repo.journal().rememberIndexes({key});
    return key;
}

void compact(Repository &repo, const QSet<Hash> &removedPacks)
{
    const QList<ObjectInfo> objects = repo.store().listAll(Prefix);
    if (objects.size() < 2 && removedPacks.isEmpty())
        return;
    QList<Ref> kept;
    for (const ObjectInfo &o : objects) {
        for (const Ref &r : read(repo, o.key).value_or(QList<Ref>())) {
            if (!removedPacks.contains(r.pack))
                kept.append(r);
        }
    }
    // The merged object first: a writer loading meanwhile finds every entry in one or other.
    const QString merged = publish(repo, kept);
    for (const ObjectInfo &o : objects) {
        if (o.key != merged)
            repo.store().remove(o.key);
    }
}

} // namespace trove::storeindex
