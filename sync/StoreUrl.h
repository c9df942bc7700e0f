#pragma once

#include <QString>
#include <memory>

namespace trove {

class Repository;
class Store;

// Store URLs: `file:///path` or a plain path for the local store; `s3://...` for an S3 store
// (keys from the environment, the desktop keyring, then AWS profiles). Empty means
// $TROVE_STORE, else the embedded store in the user's data directory.
QString defaultStoreUrl();
std::shared_ptr<Store> openStore(const QString &url);
std::shared_ptr<Repository> openRepository(const QString &url = {});

} // namespace trove
