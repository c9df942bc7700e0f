#include "VersionLog.h"

#include "Error.h"
#include "Registry.h"
#include "Store.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace trove {
namespace {

QJsonValue refToJson(const Ref &r)
{
    if (r.isNull())
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("hash"), r.hash.hex()},
                       {QStringLiteral("pack"), r.pack.hex()},
                       {QStringLiteral("offset"), r.offset},
                       {QStringLiteral("length"), r.length}};
}

Ref refFromJson(const QJsonValue &v)
{
    if (v.isNull())
        return {};
    const QJsonObject o = v.toObject();
    Ref r;
    r.hash = Hash::fromHex(o.value(QStringLiteral("hash")).toString());
    r.pack = Hash::fromHex(o.value(QStringLiteral("pack")).toString());
    r.offset = qint64(o.value(QStringLiteral("offset")).toDouble());
    r.length = qint64(o.value(QStringLiteral("length")).toDouble());
    return r;
}

constexpr int VersionDigits = 12;

} // namespace

QByteArray VersionRecord::toJson() const
{
    return QJsonDocument(QJsonObject{
                             {QStringLiteral("format"), 1},
                             {QStringLiteral("version"), version},
                             {QStringLiteral("parent"), parent},
                             {QStringLiteral("root"), refToJson(root)},
                             {QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                             {QStringLiteral("writer"), writer},
                             {QStringLiteral("message"), message},
                             {QStringLiteral("commit"), commitId},
                             {QStringLiteral("changes"), QJsonObject{{QStringLiteral("added"), changes.added},
                                                                      {QStringLiteral("modified"), changes.modified},
                                                                      {QStringLiteral("removed"), changes.removed}}},
                         })
        .toJson(QJsonDocument::Compact);
}

VersionRecord VersionRecord::fromJson(const QByteArray &bytes, const QString &what)
{
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(bytes, &error).object();
    if (error.error != QJsonParseError::NoError || o.value(QStringLiteral("format")).toInt() != 1)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 is not a readable version record").arg(what));
    VersionRecord r;
    r.version = qint64(o.value(QStringLiteral("version")).toDouble());
    r.parent = qint64(o.value(QStringLiteral("parent")).toDouble());
    r.root = refFromJson(o.value(QStringLiteral("root")));
    r.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    r.writer = o.value(QStringLiteral("writer")).toString();
    r.message = o.value(QStringLiteral("message")).toString();
    r.commitId = o.value(QStringLiteral("commit")).toString();
    const QJsonObject c = o.value(QStringLiteral("changes")).toObject();
    r.changes = {c.value(QStringLiteral("added")).toInt(), c.value(QStringLiteral("modified")).toInt(),
                 c.value(QStringLiteral("removed")).toInt()};
    return r;
}

VersionLog::VersionLog(Store &store, const QString &volumeId)
    : m_store(store), m_prefix(keys::volumePrefix(volumeId))
{
}

QString VersionLog::keyOf(qint64 version) const
{
    return m_prefix + QStringLiteral("versions/") + QStringLiteral("%1").arg(version, VersionDigits, 10, QLatin1Char('0'));
}

qint64 VersionLog::head()
{
    qint64 hint = 0;
    try {
        hint = m_store.get(m_prefix + QStringLiteral("head")).trimmed().toLongLong();
    } catch (const Error &e) {
        if (e.kind() != Error::Kind::NotFound)
            throw;
    }
    // The hint may lag (a writer died before updating it): newer records are listed after
    // it. It may also be damaged: the listing starts just before it, so one request also
    // confirms that its record exists, and a hint without one is ignored.
    const QString versions = m_prefix + QStringLiteral("versions/");
    qint64 newest = 0;
    QString after = hint > 0 ? keyOf(hint - 1) : QString();
    for (;;) {
        const ListPage page = m_store.list(versions, after, 1000);
        const qint64 expected = std::exchange(hint, 0);
        if (expected > 0 && (page.objects.isEmpty() || page.objects.first().key != keyOf(expected))) {
            after.clear();
            continue;
        }
        if (!page.objects.isEmpty()) {
            after = page.objects.last().key;
            newest = after.section(QLatin1Char('/'), -1).toLongLong();
        }
        if (!page.truncated || page.objects.isEmpty())
            return newest;
    }
}

VersionLog::Newest VersionLog::newest()
{
    Newest result;
    result.number = head();
    for (qint64 n = result.number; n > 0; --n) {
        try {
            result.record = read(n);
            return result;
        } catch (const Error &e) {
            if (e.kind() != Error::Kind::Corrupt && e.kind() != Error::Kind::NotFound)
                throw;
            if (result.warning.isEmpty())
                result.warning = QStringLiteral("version %1 is damaged (%2); using the newest readable version instead; `trove-cli check --repair` says what was lost")
                                     .arg(n).arg(e.message());
        }
    }
    if (result.number > 0)
        fail(Error::Kind::Corrupt, QStringLiteral("no version record of this volume can be read (%1); `trove-cli check` lists the damage").arg(result.warning));
    return result;
}

VersionRecord VersionLog::read(qint64 version)
{
    const QString key = keyOf(version);
    try {
        return VersionRecord::fromJson(m_store.get(key), key);
    } catch (const Error &e) {
        if (e.kind() == Error::Kind::NotFound)
            fail(Error::Kind::NotFound, QStringLiteral("version %1 does not exist; `trove-cli volume history` lists the versions").arg(version));
        throw;
    }
}

bool VersionLog::create(const VersionRecord &record)
{
    if (!m_store.createIfAbsent(keyOf(record.version), record.toJson())) {
        // Taken: by another writer, or by this very commit whose reply was lost and retried
        // (a damaged record there is not this commit's).
        if (record.commitId.isEmpty())
            return false;
        try {
            if (read(record.version).commitId != record.commitId)
                return false;
        } catch (const Error &e) {
            if (e.kind() != Error::Kind::Corrupt)
                throw;
            return false;
        }
    }
    m_store.put(m_prefix + QStringLiteral("head"), QByteArray::number(record.version));
    return true;
}

QList<qint64> VersionLog::numbers()
{
    QList<qint64> numbers;
    for (const ObjectInfo &o : m_store.listAll(m_prefix + QStringLiteral("versions/")))
        numbers.append(o.key.section(QLatin1Char('/'), -1).toLongLong());
    return numbers;
}

QList<VersionRecord> VersionLog::all()
{
    QList<VersionRecord> records;
    for (qint64 n : numbers()) {
        try {
            records.append(read(n));
        } catch (const Error &e) {
            if (e.kind() != Error::Kind::Corrupt)
                throw;
            VersionRecord damaged;
            damaged.version = n;
            damaged.parent = n - 1;
            damaged.message = QStringLiteral("(damaged record: %1)").arg(e.message());
            records.append(damaged);
        }
    }
    return records;
}

QString currentWriter()
{
    const QString user = qEnvironmentVariable("USER", QStringLiteral("user"));
    return user + QLatin1Char('@') + QSysInfo::machineHostName() + QLatin1Char(':') + QString::number(QCoreApplication::applicationPid());
}

} // namespace trove
