#include "RemoteMimeData.h"

#include "transfers/TransferScheduler.h"

#include <QDir>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

namespace trove::ui {

QString RemoteMimeData::dragCacheRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/trove/drag");
}

RemoteMimeData::RemoteMimeData(TransferScheduler *scheduler, const RemoteEntries &entries)
    : m_scheduler(scheduler), m_entries(entries),
      m_cacheDir(dragCacheRoot() + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    if (offersFiles())
        startDownloads();
}

bool RemoteMimeData::offersFiles() const
{
    return m_scheduler && !m_entries.paths.isEmpty() && m_entries.totalBytes <= MaxFileBytes;
}

QStringList RemoteMimeData::formats() const
{
    return offersFiles() ? QStringList{EntriesFormat, UriListFormat} : QStringList{EntriesFormat};
}

bool RemoteMimeData::hasFormat(const QString &mimeType) const { return formats().contains(mimeType); }

void RemoteMimeData::startDownloads()
{
    connect(m_scheduler, &TransferScheduler::downloadFinished, this, &RemoteMimeData::onDownloadFinished);
    m_urls.resize(m_entries.paths.size());
    for (int i = 0; i < m_entries.paths.size(); ++i) {
        // A folder per entry: two entries of one name from different folders both arrive.
        // Creating a directory is one metadata write, cheap enough for the drag's start.
        const QString dir = m_cacheDir + QLatin1Char('/') + QString::number(i);
        QDir().mkpath(dir);
        m_pending.insert(m_scheduler->enqueueDownload(m_entries.volume, m_entries.version, m_entries.paths[i], dir), i);
    }
}

void RemoteMimeData::onDownloadFinished(qint64 batchId, const JobResult &result)
{
    const auto it = m_pending.constFind(batchId);
    if (it == m_pending.constEnd())
        return;
    const int index = *it;
    m_pending.erase(it);
    const std::optional<TransferBatch> batch = m_scheduler->batch(batchId);
    if (result.ok && batch)
        m_urls[index] = QUrl::fromLocalFile(batch->resultPath);
    else
        m_failed = true;
    if (m_pending.isEmpty() || m_failed)
        emit settled();
}

void RemoteMimeData::waitAfterDrop() const
{
    // A pressed button means the drag still hovers: answering must not wait then.
    if (!m_pending.isEmpty() && !m_failed && QGuiApplication::mouseButtons() == Qt::NoButton) {
        QEventLoop loop;
        connect(this, &RemoteMimeData::settled, &loop, &QEventLoop::quit);
        QTimer::singleShot(DropWaitMs, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
}

QVariant RemoteMimeData::retrieveData(const QString &mimeType, QMetaType type) const
{
    if (mimeType == EntriesFormat) {
        const QJsonObject entries{{QStringLiteral("store"), m_entries.storeUrl},
                                  {QStringLiteral("volumeId"), m_entries.volume.id},
                                  {QStringLiteral("volumeName"), m_entries.volume.name},
                                  {QStringLiteral("version"), m_entries.version},
                                  {QStringLiteral("paths"), QJsonArray::fromStringList(m_entries.paths)}};
        return QJsonDocument(entries).toJson(QJsonDocument::Compact);
    }
    if (mimeType != UriListFormat || !offersFiles())
        return QMimeData::retrieveData(mimeType, type);
    waitAfterDrop();
    if (!isReady())
        return {};
    if (type.id() == QMetaType::QVariantList) {
        QVariantList urls;
        for (const QUrl &url : m_urls)
            urls.append(url);
        return urls;
    }
    QByteArray list;
    for (const QUrl &url : m_urls)
        list += url.toEncoded() + "\r\n";
    return list;
}

} // namespace trove::ui
