#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace trove {

class Store;

struct VolumeInfo
{
    QString id;   // stable for the volume's life; rename keeps it
    QString name; // unique in the store
    int format = 2;
    QDateTime created;
    bool ephemeral = false;
};

// The volume registry: `volumes/<id>/volume.json` (immutable) and a name index
// `names/<name>` created with createIfAbsent, so two creators of one name never both win.
class Registry
{
public:
    explicit Registry(Store &store) : m_store(store) {}

    // Throws InvalidArgument for a bad name or format, AlreadyExists when the name is taken.
    VolumeInfo create(const QString &name, int format, bool ephemeral = false);
    std::optional<VolumeInfo> find(const QString &name);
    VolumeInfo get(const QString &name); // throws NotFound with a hint to create it
    // Throws Corrupt on a damaged name index entry, unless `damaged` collects them (each
    // message names the entry) and the readable volumes are listed.
    QList<VolumeInfo> list(QStringList *damaged = nullptr);
    // Points NEW at the volume's id, then drops OLD. Throws NotFound / AlreadyExists.
    void rename(const QString &oldName, const QString &newName);
    // Drops the name and marks the id deleted; gc reclaims its data.
    void remove(const QString &name);
    bool isDeleted(const QString &id);
    QStringList allIds(); // every volume id with data, named or not

    // Ephemeral volumes: the owner renews the expiry; gc deletes volumes past it.
    void setExpiry(const QString &id, const QDateTime &expiry);
    std::optional<QDateTime> expiry(const QString &id);

    static void validateName(const QString &name);

private:
    bool claimName(const VolumeInfo &info); // false when the name is taken
    Store &m_store;
};

namespace keys {
QString name(const QString &name);
QString volumePrefix(const QString &id);
} // namespace keys

} // namespace trove
