#include "ScreenshotTour.h"

#include "DetailsPane.h"
#include "DiffModel.h"
#include "FileFacts.h"
#include "HistoryDialog.h"
#include "HistoryModel.h"
#include "MainWindow.h"
#include "PendingChangesModel.h"
#include "RemoteTreeModel.h"
#include "RemoteTreeView.h"
#include "StoresDialog.h"
#include "TensorDiffDialog.h"
#include "transfers/TransferScheduler.h"
#include "VolumeListModel.h"
#include "WatchedFolderModel.h"
#include "WatchedFolders.h"
#include "WatchedFoldersView.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QScreen>
#include <QTableView>
#include <QTreeView>
#include <cstdio>

namespace trove::ui {

namespace {
constexpr int PollMs = 100;
constexpr int MaxPolls = 600; // a minute: a tour that cannot finish fails instead of hanging
} // namespace

ScreenshotTour::ScreenshotTour(MainWindow *window, const QString &directory, const QString &language)
    : QObject(window), m_window(window), m_directory(directory), m_language(language)
{
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &ScreenshotTour::poll);
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_directory);
    then([this] {
        return (m_window->currentVolume() && !m_window->fileModel()->isLoading()) || !m_window->bannerText().isEmpty()
            || (m_window->isStoreOpen() && m_window->volumeModel()->rowCount() == 0);
    }, [this] { planForState(); });
    m_timer.start();
}

void ScreenshotTour::then(std::function<bool()> ready, std::function<void()> run) { m_steps.push_back({std::move(ready), std::move(run)}); }

void ScreenshotTour::poll()
{
    if (++m_polls > MaxPolls) {
        std::fprintf(stderr, "trove: the screenshot tour timed out at step %zu\n", m_next);
        QCoreApplication::exit(1);
        return;
    }
    while (m_next < m_steps.size() && m_steps[m_next].ready()) {
        const size_t current = m_next++;
        m_steps[current].run();
    }
    if (m_next == m_steps.size()) {
        m_timer.stop();
        QCoreApplication::exit(0); // not close(): the tour's staged changes need no question
    }
}

void ScreenshotTour::planForState()
{
    if (!m_window->bannerText().isEmpty()) {
        then([] { return true; }, [this] { save(QStringLiteral("error"), false); });
        return;
    }
    if (!m_window->currentVolume()) {
        then([] { return true; }, [this] { save(QStringLiteral("welcome"), false); });
        planWatchedFolders(QStringLiteral("watched-folders-empty"));
        return;
    }
    RemoteTreeModel *files = m_window->fileModel();
    // The first folder of the root, opened, with a file in it selected.
    const QModelIndex folder = files->index(0, 0);
    const QString folderPath = folder.data(RemoteTreeModel::PathRole).toString();
    if (folder.data(RemoteTreeModel::IsDirRole).toBool()) {
        m_window->fileView()->expand(folder);
        then([files, folderPath] { return !files->isLoading() && files->rowCount(files->indexForPath(folderPath)) > 0; },
             [this, files, folderPath] {
                 const QModelIndex parent = files->indexForPath(folderPath);
                 const int rows = files->rowCount(parent);
                 m_window->stageRemove({files->index(0, 0, parent).data(RemoteTreeModel::PathRole).toString()});
                 m_window->stageNewFolder(folderPath + QStringLiteral("/evals"));
                 m_window->fileView()->setCurrentIndex(files->index(rows - 1, 0, parent));
                 // A download, so the Transfers panel shows a row.
                 m_window->scheduler()->enqueueDownload(m_window->currentVolume()->info(), m_window->currentVolume()->version(),
                                                        files->index(rows - 1, 0, parent).data(RemoteTreeModel::PathRole).toString(),
                                                        m_downloads.path());
             });
    }
    int waited = 0;
    auto *details = m_window->findChild<DetailsPane *>();
    then([details, waited]() mutable { return ++waited > 8 && !details->isBusy(); }, [this] {
        save(QStringLiteral("main"), false);
        save(QStringLiteral("details"), false, m_window->findChild<QDockWidget *>(QStringLiteral("detailsDock")));
    });
    then([] { return true; }, [this] {
        HistoryDialog *dialog = m_window->openHistory();
        // No window manager under Xvfb: centre the dialog on the window ourselves.
        dialog->move(m_window->geometry().center() - QPoint(dialog->width() / 2, dialog->height() / 2));
    });
    then([this] {
        auto *dialog = m_window->findChild<HistoryDialog *>();
        return dialog && dialog->shownVersion() > 0 && !dialog->filesModel()->isLoading();
    }, [this] {
        auto *dialog = m_window->findChild<HistoryDialog *>();
        dialog->filesView()->expand(dialog->filesModel()->index(0, 0)); // nothing when empty
    });
    int settled = 0;
    then([this, settled]() mutable { return !m_window->findChild<HistoryDialog *>()->filesModel()->isLoading() && ++settled > 3; },
         [this] { save(QStringLiteral("history"), true); });
    planTensorDiff();
    // The stores dialog on its S3 store, after "Test connection" (scripts/screenshots.sh lists one).
    then([] { return true; }, [this] {
        m_window->findChild<HistoryDialog *>()->close();
        auto *dialog = new StoresDialog(m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        dialog->move(m_window->geometry().center() - QPoint(dialog->width() / 2, dialog->height() / 2));
        dialog->selectStore(int(dialog->stores().size()) - 1);
        dialog->findChild<QLineEdit *>(QStringLiteral("storeAccessKey"))->setText(QStringLiteral("TEAMKEY"));
        dialog->findChild<QLineEdit *>(QStringLiteral("storeSecret"))->setText(QStringLiteral("example-secret"));
        connect(dialog, &StoresDialog::checkFinished, this, [this] { m_storesChecked = true; });
        dialog->testConnection();
    });
    then([this] { return m_storesChecked; }, [this] {
        save(QStringLiteral("stores"), true);
        m_window->findChild<StoresDialog *>()->close();
    });
    planWatchedFolders(QStringLiteral("watched-folders"));
}

// History compares its newest version with the one before; when that changed a .safetensors
// file, Compare tensors… on it (history-tensors.png).
void ScreenshotTour::planTensorDiff()
{
    then([] { return true; }, [this] {
        auto *history = m_window->findChild<HistoryDialog *>();
        const qint64 newest = history->historyModel()->index(0, 0).data(HistoryModel::VersionRole).toLongLong();
        if (newest > 1)
            history->compare(newest - 1, newest);
    });
    then([this] { return m_window->findChild<HistoryDialog *>()->diffModel()->rowCount() > 0; }, [this] {
        auto *history = m_window->findChild<HistoryDialog *>();
        for (int row = 0; row < history->diffModel()->rowCount(); ++row) {
            const DiffEntry &entry = history->diffModel()->entry(row);
            if (entry.change == DiffEntry::Change::Modified && filefacts::isSafetensors(entry.path)) {
                history->comparisonView()->selectRow(row);
                break;
            }
        }
        // Below the versions and above History's status line, so both stay in view.
        if (TensorDiffDialog *tensors = history->compareTensorsOfSelected())
            tensors->setGeometry(history->x() + 230, history->y() + 155, tensors->width(), 390);
    });
    int settled = 0;
    then([this, settled]() mutable {
        auto *tensors = m_window->findChild<TensorDiffDialog *>();
        return !tensors || (!tensors->isComputing() && ++settled > 3);
    }, [this] {
        if (auto *tensors = m_window->findChild<TensorDiffDialog *>()) {
            save(QStringLiteral("history-tensors"), true);
            tensors->close();
        }
    });
}

// The Watched Folders panel raised, once every folder's loop has finished its first pass.
void ScreenshotTour::planWatchedFolders(const QString &name)
{
    then([] { return true; }, [this] { m_window->findChild<QDockWidget *>(QStringLiteral("watchedFoldersDock"))->raise(); });
    then([this] {
        auto *view = m_window->findChild<WatchedFoldersView *>();
        WatchedFolderModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto state = FolderSyncLoop::State(model->index(row, 0).data(WatchedFolderModel::StateRole).toInt());
            if (model->stateText(row) == WatchedFolderModel::tr("starting") || state == FolderSyncLoop::State::Scanning)
                return false;
        }
        return view->folders()->isRestored();
    }, [this, name] { save(name, false); });
}

void ScreenshotTour::save(const QString &name, bool wholeScreen, QWidget *part)
{
    const QString file = m_language.isEmpty() ? name : name + QLatin1Char('-') + m_language;
    const QString path = QDir(m_directory).filePath(file + QStringLiteral(".png"));
    // The screen holds the window and the dialogs above it; grab() only the window itself.
    const QPixmap pixmap = wholeScreen ? m_window->screen()->grabWindow(0, m_window->x(), m_window->y(), m_window->width(), m_window->height())
                                       : (part ? part : m_window)->grab();
    if (!pixmap.save(path)) {
        std::fprintf(stderr, "trove: cannot write %s\n", qPrintable(path));
        QCoreApplication::exit(1);
        return;
    }
    std::printf("%s\n", qPrintable(path));
    std::fflush(stdout);
}

} // namespace trove::ui
