#include "Ref.h"

#include "Error.h"

#include <QCborStreamWriter>

namespace trove {

void Ref::writeCbor(QCborStreamWriter &w) const
{
    if (isNull()) {
        w.append(nullptr);
        return;
    }
    w.startArray(4);
    w.appendByteString(hash.view().data(), Hash::Size);
    // A null pack means "the pack this blob is in" (a tree naming a sibling blob).
    if (pack.isNull())
        w.append(nullptr);
    else
        w.appendByteString(pack.view().data(), Hash::Size);
    w.append(offset);
    w.append(length);
    w.endArray();
}

Ref Ref::fromCbor(const QCborValue &value)
{
    if (value.isNull())
        return {};
    const QCborArray a = value.toArray();
    if (a.size() != 4 || !a[0].isByteArray() || !(a[1].isByteArray() || a[1].isNull()) || !a[2].isInteger() || !a[3].isInteger())
        fail(Error::Kind::Corrupt, QStringLiteral("a stored blob reference is malformed"));
    Ref ref;
    ref.hash = Hash::fromRaw(a[0].toByteArray());
    if (!a[1].isNull())
        ref.pack = Hash::fromRaw(a[1].toByteArray());
    ref.offset = a[2].toInteger();
    ref.length = a[3].toInteger();
    if (ref.offset < 0 || ref.length < 0)
        fail(Error::Kind::Corrupt, QStringLiteral("a stored blob reference has a negative offset or length"));
    return ref;
}

} // namespace trove
