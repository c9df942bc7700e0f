#include "Safetensors.h"

#include "Error.h"
#include "FileReader.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <algorithm>
#include <cstring>
#include <optional>

namespace trove::safetensors {

namespace {

const QString MetadataKey = QStringLiteral("__metadata__");
// JSON numbers are doubles: integers beyond 2^53 cannot be told apart.
constexpr double MaxExactInteger = 9007199254740992.0;

[[noreturn]] void corrupt(const QString &message) { fail(Error::Kind::Corrupt, message); }

QString sizeText(qint64 bytes) { return QStringLiteral("%1 bytes").arg(bytes); }

qint64 integerAt(const QJsonValue &value, const QString &what)
{
    const double d = value.toDouble(-1);
    if (!value.isDouble() || d < 0 || d > MaxExactInteger || d != double(qint64(d)))
        corrupt(QStringLiteral("%1 is not a non-negative integer").arg(what));
    return qint64(d);
}

Tensor parseTensor(const QString &name, const QJsonValue &value, qint64 dataLength)
{
    const QString where = QStringLiteral("tensor '%1'").arg(name);
    if (!value.isObject())
        corrupt(QStringLiteral("%1 is not a JSON object").arg(where));
    const QJsonObject o = value.toObject();
    Tensor t;
    t.name = name;
    t.dtype = o.value(QStringLiteral("dtype")).toString();
    const int bits = dtypeBits(t.dtype);
    if (bits == 0)
        corrupt(QStringLiteral("%1 has an unknown dtype '%2'").arg(where, o.value(QStringLiteral("dtype")).toVariant().toString()));
    const QJsonValue shape = o.value(QStringLiteral("shape"));
    if (!shape.isArray())
        corrupt(QStringLiteral("%1 has no shape array").arg(where));
    t.parameters = 1;
    bool overflow = false;
    for (const QJsonValue &dim : shape.toArray()) {
        const qint64 d = integerAt(dim, QStringLiteral("a dimension of %1's shape").arg(where));
        t.shape.append(d);
        overflow = overflow || __builtin_mul_overflow(t.parameters, d, &t.parameters);
    }
    const QJsonArray offsets = o.value(QStringLiteral("data_offsets")).toArray();
    if (!o.value(QStringLiteral("data_offsets")).isArray() || offsets.size() != 2)
        corrupt(QStringLiteral("%1 has no data_offsets pair [begin, end]").arg(where));
    t.begin = integerAt(offsets[0], QStringLiteral("%1's data_offsets begin").arg(where));
    t.end = integerAt(offsets[1], QStringLiteral("%1's data_offsets end").arg(where));
    if (t.begin > t.end)
        corrupt(QStringLiteral("%1's data_offsets begin %2 after their end %3").arg(where).arg(t.begin).arg(t.end));
    if (t.end > dataLength)
        corrupt(QStringLiteral("%1's data ends at offset %2, past the end of the file's data (%3)").arg(where).arg(t.end).arg(sizeText(dataLength)));
    qint64 bitsNeeded = 0;
    if (overflow || __builtin_mul_overflow(t.parameters, qint64(bits), &bitsNeeded) || bitsNeeded != (t.end - t.begin) * 8)
        corrupt(QStringLiteral("%1 holds %2 but its shape [%3] of %4 needs %5")
                    .arg(where, sizeText(t.end - t.begin), [&] {
                        QStringList dims;
                        for (qint64 d : t.shape)
                            dims << QString::number(d);
                        return dims.join(QStringLiteral(", "));
                    }(), t.dtype, overflow ? QStringLiteral("more than a file can hold") : QStringLiteral("%1 bits").arg(bitsNeeded)));
    return t;
}

} // namespace

int dtypeBits(const QString &dtype)
{
    static const QHash<QString, int> bits = {
        {QStringLiteral("BOOL"), 8},     {QStringLiteral("U8"), 8},       {QStringLiteral("I8"), 8},
        {QStringLiteral("F8_E5M2"), 8},  {QStringLiteral("F8_E4M3"), 8},  {QStringLiteral("F8_E8M0"), 8},
        {QStringLiteral("I16"), 16},     {QStringLiteral("U16"), 16},     {QStringLiteral("F16"), 16},
        {QStringLiteral("BF16"), 16},    {QStringLiteral("I32"), 32},     {QStringLiteral("U32"), 32},
        {QStringLiteral("F32"), 32},     {QStringLiteral("F64"), 64},     {QStringLiteral("I64"), 64},
        {QStringLiteral("U64"), 64},     {QStringLiteral("F4"), 4},       {QStringLiteral("F6_E2M3"), 6},
        {QStringLiteral("F6_E3M2"), 6},
    };
    return bits.value(dtype, 0);
}

qint64 headerLength(const QByteArray &first8, qint64 fileSize)
{
    if (first8.size() < 8 || fileSize < 8)
        corrupt(QStringLiteral("the file is %1 long, too short for the 8-byte header length of a .safetensors file").arg(sizeText(fileSize)));
    const quint64 n = qFromLittleEndian<quint64>(first8.constData());
    if (n > quint64(fileSize - 8))
        corrupt(QStringLiteral("the header length %1 is larger than the file (%2)").arg(n).arg(sizeText(fileSize)));
    if (n > quint64(MaxHeaderLength))
        corrupt(QStringLiteral("the header length %1 is over the %2 a header may have").arg(n).arg(sizeText(MaxHeaderLength)));
    if (n < 2)
        corrupt(QStringLiteral("the header length %1 is too short for a JSON object").arg(n));
    return qint64(n);
}

Header parse(const QByteArray &bytes, qint64 fileSize)
{
    Header header;
    header.length = headerLength(bytes.left(8), fileSize);
    if (bytes.size() < header.dataStart())
        corrupt(QStringLiteral("the header is truncated: %1 of its %2 were read").arg(bytes.size() - 8).arg(sizeText(header.length)));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(8, header.length), &error);
    if (error.error != QJsonParseError::NoError)
        corrupt(QStringLiteral("the header is not valid JSON: %1 at byte %2").arg(error.errorString()).arg(8 + error.offset));
    if (!doc.isObject())
        corrupt(QStringLiteral("the header is JSON but not an object of tensors"));
    const QJsonObject root = doc.object();
    const qint64 dataLength = fileSize - header.dataStart();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != MetadataKey) {
            header.tensors.append(parseTensor(it.key(), it.value(), dataLength));
            continue;
        }
        if (!it.value().isObject())
            corrupt(QStringLiteral("__metadata__ is not a JSON object"));
        const QJsonObject metadata = it.value().toObject();
        for (auto m = metadata.begin(); m != metadata.end(); ++m) {
            if (!m.value().isString())
                corrupt(QStringLiteral("__metadata__ entry '%1' is not a string").arg(m.key()));
            header.metadata.append({m.key(), m.value().toString()});
        }
    }
    std::sort(header.tensors.begin(), header.tensors.end(), [](const Tensor &a, const Tensor &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    for (int i = 0; i < header.tensors.size(); ++i) {
        const Tensor &t = header.tensors[i];
        if (i > 0 && t.begin < header.tensors[i - 1].end && t.begin != t.end)
            corrupt(QStringLiteral("tensors '%1' and '%2' overlap at data offset %3").arg(header.tensors[i - 1].name, t.name).arg(t.begin));
        // Each is at most 2 parameters a byte of a file that fits in qint64: the sum cannot overflow.
        header.parameterCount += t.parameters;
    }
    return header;
}

FileHeader readHeader(FileReader &reader)
{
    FileHeader file;
    file.size = reader.size();
    file.chunks = reader.chunks();
    file.prefix = reader.read(0, reader.chunkEnd(0));
    const qint64 length = headerLength(file.prefix.left(8), file.size);
    if (file.prefix.size() < 8 + length)
        file.prefix += reader.read(file.prefix.size(), reader.chunkEnd(8 + length - 1) - file.prefix.size());
    file.header = parse(file.prefix, file.size);
    return file;
}

namespace {

struct Piece
{
    qint64 start = 0; // relative to the tensor's first byte
    qint64 length = 0;
    Hash hash;
    bool last = false; // the file's last chunk: cut by the file's end, not by its bytes

    bool operator==(const Piece &o) const { return start == o.start && length == o.length && hash == o.hash; }
};

// The chunks overlapping [from, to) of the file, placed relative to `origin`.
QList<Piece> piecesOf(const QList<Ref> &chunks, qint64 origin, qint64 from, qint64 to)
{
    QList<Piece> pieces;
    qint64 at = 0;
    for (int i = 0; i < chunks.size() && at < to; ++i) {
        const qint64 end = at + chunks[i].length;
        if (end > from)
            pieces.append({at - origin, qint64(chunks[i].length), chunks[i].hash, i == chunks.size() - 1});
        at = end;
    }
    return pieces;
}

// nullopt: unchanged.
std::optional<TensorChange::Kind> compareBytes(const FileHeader &before, const Tensor &a, const FileHeader &after, const Tensor &b)
{
    const qint64 startA = before.header.dataStart() + a.begin;
    const qint64 startB = after.header.dataStart() + b.begin;
    const qint64 length = a.end - a.begin;
    // The part both prefixes hold, compared byte for byte.
    const qint64 known = qBound<qint64>(0, qMin(before.prefix.size() - startA, after.prefix.size() - startB), length);
    if (known > 0 && std::memcmp(before.prefix.constData() + startA, after.prefix.constData() + startB, size_t(known)) != 0)
        return TensorChange::Kind::Changed;
    if (known == length)
        return std::nullopt;
    const QList<Piece> piecesA = piecesOf(before.chunks, startA, startA + known, startA + length);
    const QList<Piece> piecesB = piecesOf(after.chunks, startB, startB + known, startB + length);
    if (piecesA == piecesB)
        return std::nullopt;
    auto inside = [length](const Piece &p) { return p.start >= 0 && p.start + p.length <= length && !p.last; };
    for (const Piece &p : piecesA) {
        if (!inside(p))
            continue;
        for (const Piece &q : piecesB)
            if (q.start == p.start && inside(q) && (q.hash != p.hash || q.length != p.length))
                return TensorChange::Kind::Changed;
    }
    return TensorChange::Kind::Undetermined;
}

} // namespace

QList<TensorChange> diff(const FileHeader &before, const FileHeader &after)
{
    QHash<QString, const Tensor *> afterByName;
    for (const Tensor &b : after.header.tensors)
        afterByName.insert(b.name, &b);
    QList<TensorChange> changes;
    for (const Tensor &a : before.header.tensors) {
        const Tensor *b = afterByName.take(a.name);
        TensorChange change{a.name, TensorChange::Kind::Removed, a.dtype, {}, a.shape, {}};
        if (b) {
            change.newDtype = b->dtype;
            change.newShape = b->shape;
            const auto kind = a.dtype != b->dtype || a.shape != b->shape ? TensorChange::Kind::Reshaped : compareBytes(before, a, after, *b);
            if (!kind)
                continue;
            change.kind = *kind;
        }
        changes.append(change);
    }
    for (const Tensor *b : std::as_const(afterByName))
        changes.append({b->name, TensorChange::Kind::Added, {}, b->dtype, {}, b->shape});
    std::sort(changes.begin(), changes.end(), [](const TensorChange &x, const TensorChange &y) { return x.name < y.name; });
    return changes;
}

} // namespace trove::safetensors
