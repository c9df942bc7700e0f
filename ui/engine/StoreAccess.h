#pragma once

#include "Error.h"

#include <QString>

namespace trove {
class Repository;
}

namespace trove::ui {

// Whether the app may write to a store, found without writing to it.
class StoreAccess
{
public:
    // A local store: access(W_OK) on its directory (a read-only mount or permissions). An S3
    // store answers true: the only probe is a write, which costs a request and leaves an
    // object behind, so a refusal is recognised when a write fails (isRefusedWrite).
    // Blocking (a system call on a possibly slow mount): call on EnginePool.
    static bool isWritable(Repository &repo);
    // Whether a failed write says the store refuses writes rather than failing for now: an
    // S3 403, or a local EACCES or EROFS.
    static bool isRefusedWrite(Error::Kind kind, const QString &message);
};

} // namespace trove::ui
