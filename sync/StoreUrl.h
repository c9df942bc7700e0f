#pragma once

#include <QString>
#include <memory>

namespace trove {

class Repository;
class Store;

// Store URLs: `file:///path` or a plain path (absolute or relative) for the local store;
// `s3://...` for an S3 store (keys from the environment, the desktop keyring, then AWS
// profiles). Empty means $TROVE_STORE, else the embedded store in the user's data directory.
QString defaultStoreUrl();

// Whether a missing local store directory is created (writers, the embedded store) or is an
// error naming it (readers of a store someone chose, which may be mistyped).
enum class StoreOpening { CreateIfMissing, MustExist };

// Checks a URL's form without touching the store; throws InvalidArgument saying what is wrong.
void checkStoreUrl(const QString &url);
std::shared_ptr<Store> openStore(const QString &url, StoreOpening opening = StoreOpening::CreateIfMissing);
std::shared_ptr<Repository> openRepository(const QString &url = {}, StoreOpening opening = StoreOpening::CreateIfMissing);

} // namespace trove
