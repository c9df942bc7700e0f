#include "PendingSaver.h"

#include "Async.h"
#include "PendingStore.h"

namespace trove::ui {

PendingSaver::PendingSaver(const QString &storeUrl, QObject *parent) : QObject(parent), m_storeUrl(storeUrl) {}

void PendingSaver::save(const QString &volumeId, const QList<PendingChange> &changes)
{
    m_unsaved.insert({m_storeUrl, volumeId}, changes);
    if (!m_saving)
        flush();
}

void PendingSaver::flush()
{
    m_saving = true;
    runAsync(this,
             [lists = std::exchange(m_unsaved, {})] {
                 bool ok = true;
                 for (auto it = lists.cbegin(); it != lists.cend(); ++it)
                     ok = PendingStore::save(it.key().first, it.key().second, it.value()) && ok;
                 return ok;
             },
             [this](const Result<bool> &result) {
                 m_saving = false;
                 if (!result.ok() || !*result.value)
                     emit saveFailed();
                 if (!m_unsaved.isEmpty())
                     flush();
             });
}

} // namespace trove::ui
