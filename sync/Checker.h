#pragma once

#include <QStringList>
#include <functional>

namespace trove {

class Repository;
struct Operation;
struct PackEntry;

struct CheckReport
{
    qint64 volumes = 0;
    qint64 blobsChecked = 0;
    qint64 packsChecked = 0;
    qint64 bytesRead = 0; // with readData
    QStringList problems; // each names what is wrong and where
    QStringList repaired; // with repair: what was rebuilt
    bool ok() const { return problems.isEmpty(); }
};

// Verifies a store: every reference of every version resolves to a pack that holds a blob
// at that offset with that length (from the pack's own index); with readData, every pack is
// read and every blob hashed. Every problem is reported and the check goes on; a missing or
// damaged pack names the files it holds. With repair, what the immutable objects determine
// is rebuilt: head hints, name index entries, and the local dedupe index.
class Checker
{
public:
    Checker(Repository &repo, bool readData, bool repair = false) : m_repo(repo), m_readData(readData), m_repair(repair) {}
    CheckReport run(Operation &operation);

private:
    void repairHeads(const QStringList &ids, CheckReport &report);
    void repairNames(const QStringList &damagedNames, const QStringList &unnamedIds, CheckReport &report);
    void rebuildDedupeIndex(CheckReport &report, Operation &operation);
    // Reads a pack's blobs (`entries`, from its index) and hashes them; tells `damaged` of each
    // that does not match.
    void readPackData(const QString &key, QList<PackEntry> entries, CheckReport &report, Operation &operation,
                      const std::function<void(const PackEntry &)> &damaged);

    Repository &m_repo;
    bool m_readData;
    bool m_repair;
};

} // namespace trove
