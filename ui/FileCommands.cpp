#include "FileCommands.h"

#include "ErrorText.h"
#include "MainWindow.h"
#include "transfers/TransferScheduler.h"
#include "RemotePath.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrl>

namespace trove::ui {

FileCommands::FileCommands(MainWindow *window) : QObject(window), m_window(window) {}

void FileCommands::uploadFiles()
{
    const QString folder = m_window->selectedFolder();
    const QList<QUrl> files = QFileDialog::getOpenFileUrls(m_window, tr("Upload Files"), {}, {}, nullptr, {}, {QStringLiteral("file")});
    if (!files.isEmpty())
        m_window->stageUrls(files, folder);
}

void FileCommands::uploadFolder()
{
    const QString folder = m_window->selectedFolder();
    const QString local = QFileDialog::getExistingDirectory(m_window, tr("Upload Folder"));
    if (!local.isEmpty())
        m_window->stageUrls({QUrl::fromLocalFile(local)}, folder);
}

void FileCommands::download()
{
    const QStringList paths = m_window->selectedPaths();
    if (paths.isEmpty())
        return;
    const QString destination = QFileDialog::getExistingDirectory(m_window, tr("Download to"),
                                                                  QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    if (!destination.isEmpty())
        downloadTo(paths, destination);
}

void FileCommands::downloadTo(const QStringList &remotePaths, const QString &destination)
{
    const auto &volume = m_window->currentVolume();
    if (!volume)
        return;
    for (const QString &path : remotePaths)
        m_window->scheduler()->enqueueDownload(volume->info(), volume->version(), path, destination);
    m_window->statusBar()->showMessage(tr("Downloading to %1; progress is in the Transfers panel").arg(destination), 5000);
}

void FileCommands::newFolder()
{
    const QString parent = m_window->selectedFolder();
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("New Folder"), tr("Name of the new folder:"), QLineEdit::Normal, tr("New Folder"), &ok).trimmed();
    if (ok && !name.isEmpty() && !name.contains(QLatin1Char('/')))
        m_window->stageNewFolder(remotepath::join(parent, name));
}

void FileCommands::rename()
{
    const QStringList paths = m_window->selectedPaths();
    if (paths.size() != 1)
        return;
    const QString path = paths.first();
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Rename"), tr("New name:"), QLineEdit::Normal, remotepath::nameOf(path), &ok).trimmed();
    if (!ok || name.isEmpty() || name.contains(QLatin1Char('/')) || name == remotepath::nameOf(path))
        return;
    m_window->stageMove(path, remotepath::join(remotepath::parentOf(path), name), false);
}

void FileCommands::copy()
{
    const QStringList paths = m_window->selectedPaths();
    if (paths.size() != 1)
        return;
    const QString path = paths.first();
    bool ok = false;
    const QString target = QInputDialog::getText(m_window, tr("Copy"), tr("Copy to (path in the volume):"), QLineEdit::Normal,
                                                 path + tr(" copy"), &ok).trimmed();
    if (!ok || target.isEmpty())
        return;
    try {
        const QString normalized = remotepath::normalize(target);
        if (normalized != path)
            m_window->stageMove(path, normalized, true);
    } catch (const Error &e) {
        m_window->showError(describeError(e.kind(), e.message(), tr("Cannot copy \"%1\" to \"%2\".").arg(path, target)));
    }
}

} // namespace trove::ui
