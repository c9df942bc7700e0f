#include "Store.h"

namespace trove {

QList<ObjectInfo> Store::listAll(const QString &prefix)
{
    QList<ObjectInfo> all;
    QString after;
    for (;;) {
        const ListPage page = list(prefix, after, 1000);
        all += page.objects;
        if (!page.truncated || page.objects.isEmpty())
            return all;
        after = page.objects.last().key;
    }
}

} // namespace trove
