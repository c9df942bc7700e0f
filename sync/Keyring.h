#pragma once

#include "AwsCredentials.h"

#include <optional>

namespace trove {

// S3 keys Trove saved for a store, in the desktop keyring (the Secret Service: GNOME Keyring,
// KWallet) through QtKeychain. There is no plain-text fallback: without a keyring, saving
// fails and nothing is found. Blocking; call it off the GUI thread.
namespace keyring {

// The keyring entry's name for a store: its endpoint and bucket (every prefix in a bucket
// shares the keys).
QString entryFor(const QString &endpoint, const QString &bucket);

// Throws Io naming the keyring's complaint when there is no usable keyring.
void save(const QString &entry, const AwsCredentials &credentials);
// The saved keys; nullopt when none are saved or no session keyring is reachable.
std::optional<AwsCredentials> load(const QString &entry);
// True when keys were removed; false when there were none.
bool remove(const QString &entry);

} // namespace keyring
} // namespace trove
