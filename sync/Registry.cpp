#include "Registry.h"

#include "Error.h"
#include "Store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace trove {

namespace keys {
QString name(const QString &name) { return QStringLiteral("names/") + name; }
QString volumePrefix(const QString &id) { return QStringLiteral("volumes/") + id + QLatin1Char('/'); }
} // namespace keys

namespace {

QString newVolumeId()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString id = QStringLiteral("vo-");
    for (int i = 0; i < 22; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(36)]);
    return id;
}

QByteArray toJson(const VolumeInfo &v)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), v.id},
                                     {QStringLiteral("format"), v.format},
                                     {QStringLiteral("created"), v.created.toString(Qt::ISODateWithMs)},
                                     {QStringLiteral("ephemeral"), v.ephemeral}})
        .toJson(QJsonDocument::Compact);
}

VolumeInfo fromJson(const QByteArray &bytes, const QString &name)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    VolumeInfo v;
    v.id = o.value(QStringLiteral("id")).toString();
    v.name = name;
    v.format = o.value(QStringLiteral("format")).toInt();
    v.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    v.ephemeral = o.value(QStringLiteral("ephemeral")).toBool();
    if (v.id.isEmpty() || (v.format != 1 && v.format != 2))
        fail(Error::Kind::Corrupt, QStringLiteral("the name index entry names/%1 is damaged; `trove-cli check --repair` rebuilds it").arg(name));
    return v;
}

QString idFromVolumeKey(const QString &key) { return key.section(QLatin1Char('/'), 1, 1); }

} // namespace

void Registry::validateName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!valid.match(name).hasMatch())
        fail(Error::Kind::InvalidArgument,
             QStringLiteral("invalid volume name '%1': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit").arg(name));
}

bool Registry::claimName(const VolumeInfo &info)
{
    if (m_store.createIfAbsent(keys::name(info.name), toJson(info)))
        return true;
    // Taken, possibly by this very request whose reply was lost and retried.
    const std::optional<VolumeInfo> holder = find(info.name);
    return holder && holder->id == info.id;
}

VolumeInfo Registry::create(const QString &name, int format, bool ephemeral)
{
    validateName(name);
    if (format != 1 && format != 2)
        fail(Error::Kind::InvalidArgument, QStringLiteral("volume format must be 1 or 2, not %1").arg(format));
    if (find(name))
        fail(Error::Kind::AlreadyExists, QStringLiteral("volume '%1' already exists; pick another name or use it as it is").arg(name));
    VolumeInfo info;
    info.id = newVolumeId();
    info.name = name;
    info.format = format;
    info.created = QDateTime::currentDateTimeUtc();
    info.ephemeral = ephemeral;
    m_store.put(keys::volumePrefix(info.id) + QStringLiteral("volume.json"), toJson(info));
    if (!claimName(info)) {
        m_store.remove(keys::volumePrefix(info.id) + QStringLiteral("volume.json"));
        fail(Error::Kind::AlreadyExists, QStringLiteral("volume '%1' already exists: another writer created it just now").arg(name));
    }
    return info;
}

std::optional<VolumeInfo> Registry::find(const QString &name)
{
    validateName(name);
    try {
        return fromJson(m_store.get(keys::name(name)), name);
    } catch (const Error &e) {
        if (e.kind() == Error::Kind::NotFound)
            return std::nullopt;
        throw;
    }
}

VolumeInfo Registry::get(const QString &name)
{
    if (auto info = find(name))
        return *info;
    fail(Error::Kind::NotFound, QStringLiteral("volume '%1' not found; create it with `trove-cli volume create %1`").arg(name));
}

QList<VolumeInfo> Registry::list(QStringList *damaged)
{
    QList<VolumeInfo> volumes;
    for (const ObjectInfo &o : m_store.listAll(QStringLiteral("names/"))) {
        const QString name = o.key.mid(6);
        try {
            volumes.append(fromJson(m_store.get(o.key), name));
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::NotFound) // removed while listing
                continue;
            if (!damaged || e.kind() != Error::Kind::Corrupt)
                throw;
            damaged->append(e.message());
        }
    }
    return volumes;
}

void Registry::rename(const QString &oldName, const QString &newName)
{
    VolumeInfo info = get(oldName);
    validateName(newName);
    info.name = newName;
    if (!claimName(info))
        fail(Error::Kind::AlreadyExists, QStringLiteral("cannot rename '%1': a volume named '%2' already exists").arg(oldName, newName));
    m_store.remove(keys::name(oldName));
}

void Registry::remove(const QString &name)
{
    const VolumeInfo info = get(name);
    m_store.put(keys::volumePrefix(info.id) + QStringLiteral("deleted"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8());
    m_store.remove(keys::name(name));
}

bool Registry::isDeleted(const QString &id)
{
    return m_store.stat(keys::volumePrefix(id) + QStringLiteral("deleted")).has_value();
}

QStringList Registry::allIds()
{
    QStringList ids;
    for (const ObjectInfo &o : m_store.listAll(QStringLiteral("volumes/"))) {
        if (o.key.endsWith(QLatin1String("/volume.json")))
            ids.append(idFromVolumeKey(o.key));
    }
    return ids;
}

void Registry::setExpiry(const QString &id, const QDateTime &expiry)
{
    m_store.put(keys::volumePrefix(id) + QStringLiteral("expiry"), expiry.toUTC().toString(Qt::ISODateWithMs).toUtf8());
}

std::optional<QDateTime> Registry::expiry(const QString &id)
{
    try {
        return QDateTime::fromString(QString::fromUtf8(m_store.get(keys::volumePrefix(id) + QStringLiteral("expiry"))), Qt::ISODateWithMs);
    } catch (const Error &e) {
        if (e.kind() == Error::Kind::NotFound)
            return std::nullopt;
        throw;
    }
}

} // namespace trove
