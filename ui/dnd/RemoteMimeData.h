#pragma once

#include "Job.h"
#include "Registry.h"

#include <QHash>
#include <QMimeData>
#include <QPointer>
#include <QUrl>

namespace trove::ui {

class TransferScheduler;

// Entries of one version of a volume, as a drag out of the tree carries them.
struct RemoteEntries
{
    QString storeUrl;
    trove::VolumeInfo volume;
    qint64 version = 0;
    QStringList paths;
    qint64 totalBytes = 0; // of everything under the paths: decides whether files are offered
};

// The data of a drag out of a volume. It always offers application/x-trove-entries (store,
// volume, version, paths) for drops inside the app. For selections up to 256 MiB it also
// offers text/uri-list: the entries are downloaded, through the transfer queue so progress
// shows, into $XDG_CACHE_HOME/trove/drag/<token>/ as soon as the drag starts. Targets ask for
// the data while the mouse hovers, so nothing waits before the drop; after the drop the
// answer waits at most ~2 s for the downloads (user input excluded), then gives up.
class RemoteMimeData : public QMimeData
{
    Q_OBJECT
public:
    static inline const QString EntriesFormat = QStringLiteral("application/x-trove-entries");
    static inline const QString UriListFormat = QStringLiteral("text/uri-list");
    static constexpr qint64 MaxFileBytes = 256ll << 20;
    static constexpr int DropWaitMs = 2000;

    RemoteMimeData(TransferScheduler *scheduler, const RemoteEntries &entries);

    QStringList formats() const override;
    bool hasFormat(const QString &mimeType) const override;

    // Every download finished and succeeded.
    bool isReady() const { return m_pending.isEmpty() && !m_failed && !m_urls.isEmpty(); }
    bool hasFailed() const { return m_failed; }
    QString cacheDirectory() const { return m_cacheDir; }

    // $XDG_CACHE_HOME/trove/drag
    static QString dragCacheRoot();

signals:
    // The downloads ended, well or not.
    void settled();

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    bool offersFiles() const;
    void startDownloads();
    void onDownloadFinished(qint64 batchId, const trove::JobResult &result);
    void waitAfterDrop() const;

    QPointer<TransferScheduler> m_scheduler;
    RemoteEntries m_entries;
    QString m_cacheDir;
    QHash<qint64, int> m_pending; // download batch -> index of its path
    QList<QUrl> m_urls;           // by path index, filled as downloads finish
    bool m_failed = false;
};

} // namespace trove::ui
