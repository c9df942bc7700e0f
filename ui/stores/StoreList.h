#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace trove::ui {

// A store the app knows: a name the user chose and the store URL `trove-cli --store` takes.
// An S3 store's keys live in the desktop keyring under keyring::entryFor(endpoint, bucket),
// as `trove-cli login` saves them; the URL never holds a secret.
struct StoreEntry
{
    QString name;
    QString url;

    bool isS3() const { return url.startsWith(QLatin1String("s3://")); }
    bool operator==(const StoreEntry &other) const { return name == other.name && url == other.url; }
};

// The stores of the app, kept in stores.json in the app's config directory (written whole
// with QSaveFile). The embedded local store comes first, always, and is not saved.
class StoreList
{
    Q_DECLARE_TR_FUNCTIONS(StoreList)
public:
    static QString filePath();
    static StoreEntry embeddedStore();
    // The embedded store, then the saved ones; a missing or unreadable file gives only the
    // embedded store (nothing is lost: the file is left as it is).
    static QList<StoreEntry> load();
    // Saves every entry but the embedded store; false when the file could not be written.
    static bool save(const QList<StoreEntry> &stores);
};

} // namespace trove::ui
