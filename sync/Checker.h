#pragma once

#include <QStringList>

namespace trove {

class Repository;
struct Operation;

struct CheckReport
{
    qint64 volumes = 0;
    qint64 blobsChecked = 0;
    qint64 packsChecked = 0;
    qint64 bytesRead = 0; // with readData
    QStringList problems; // each names what is wrong and where
    bool ok() const { return problems.isEmpty(); }
};

// Verifies a store: every reference of every version resolves to a pack that holds a blob
// at that offset with that length (from the pack's own index); with readData, every pack is
// read and every blob hashed.
class Checker
{
public:
    Checker(Repository &repo, bool readData) : m_repo(repo), m_readData(readData) {}
    CheckReport run(Operation &operation);

private:
    Repository &m_repo;
    bool m_readData;
};

} // namespace trove
