#include "Pack.h"

#include "Error.h"

#include <QCborArray>
#include <QCborMap>
#include <QtEndian>

namespace trove {
namespace {
const QByteArray Magic = QByteArrayLiteral("TRVPACK1");
}

qint64 PackWriter::add(BlobType type, const Hash &hash, const char *data, qint64 size)
{
    m_body.reserveMemory(TargetSize + 4 * 1024 * 1024);
    m_target = TargetSize;
    const qint64 offset = m_body.size();
    m_body.append(data, size);
    m_entries.append({type, hash, offset, size});
    return offset;
}

qint64 PackWriter::addFromFile(BlobType type, const Hash &hash, std::shared_ptr<const SourceFile> file, qint64 offset, qint64 size, qint64 target)
{
    if (m_entries.isEmpty()) // the first blob decides: later ones must not move a pack's end
        m_target = qBound(TargetSize, target, MaxFileRangeTarget);
    const qint64 packOffset = m_body.size();
    m_body.appendFile(std::move(file), offset, size);
    m_entries.append({type, hash, packOffset, size});
    return packOffset;
}

PackWriter::Sealed PackWriter::seal()
{
    QCborArray blobs;
    for (const PackEntry &e : m_entries)
        blobs.append(QCborArray{int(e.type), e.hash.raw(), e.offset, e.length});
    const QByteArray index = QCborMap{{QStringLiteral("v"), 1}, {QStringLiteral("blobs"), blobs}}.toCborValue().toCbor();
    Sealed sealed;
    sealed.body = std::exchange(m_body, ObjectBody());
    sealed.body.append(index.constData(), index.size());
    char length[4];
    qToLittleEndian<quint32>(quint32(index.size()), length);
    sealed.body.append(length, 4);
    sealed.body.append(Magic.constData(), Magic.size());
    sealed.name = Hash::of(index); // the index lists every blob's hash: naming it names the content
    sealed.body.setVerifiedOnRead(true); // each blob read is checked against its hash
    sealed.entries = std::move(m_entries);
    m_entries.clear();
    m_target = TargetSize;
    return sealed;
}

namespace pack {

QString keyOf(const Hash &packName)
{
    const QString hex = packName.hex();
    return QStringLiteral("packs/") + hex.left(2) + QLatin1Char('/') + hex;
}

Hash nameOfKey(const QString &key)
{
    return Hash::fromHex(key.section(QLatin1Char('/'), -1));
}

qint64 indexLengthFromTrailer(const QByteArray &trailer, const QString &what)
{
    if (trailer.size() != TrailerSize || !trailer.endsWith(Magic))
        fail(Error::Kind::Corrupt, QStringLiteral("%1 is not a Trove pack (bad trailer)").arg(what));
    return qFromLittleEndian<quint32>(trailer.constData());
}

QList<PackEntry> parseIndex(const QByteArray &index, const QString &what)
{
    const QCborMap map = QCborValue::fromCbor(index).toMap();
    if (map.value(QStringLiteral("v")).toInteger() != 1)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 has an unknown pack index version").arg(what));
    QList<PackEntry> entries;
    for (const QCborValue &v : map.value(QStringLiteral("blobs")).toArray()) {
        const QCborArray a = v.toArray();
        if (a.size() != 4)
            fail(Error::Kind::Corrupt, QStringLiteral("%1 has a malformed index entry").arg(what));
        entries.append({BlobType(a[0].toInteger()), Hash::fromRaw(a[1].toByteArray()), a[2].toInteger(), a[3].toInteger()});
    }
    return entries;
}

} // namespace pack
} // namespace trove
