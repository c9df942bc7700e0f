// The main window on a real local store (offscreen): a drop stages uploads, Commit makes
// exactly one version, another process's commit shows as "versions behind" and Reload brings
// it, pending changes survive a reload and a restart, and History restores an old file.
#include "AppTestSupport.h"
#include "AppTranslation.h"
#include "DiffModel.h"
#include "HistoryDialog.h"
#include "HistoryModel.h"
#include "MainWindow.h"
#include "PendingChangesModel.h"
#include "RemoteTreeModel.h"
#include "RemoteTreeView.h"
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"
#include "VolumeListModel.h"

#include <QAction>
#include <QAbstractButton>
#include <QCheckBox>
#include <QMessageBox>
#include <QMimeData>
#include <QTableView>
#include <QTreeView>
#include <QtTest>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace trove;
using namespace trove::ui;

class TstMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<testing::AppSandbox> m_sandbox;
    const AppTranslation m_translation{QLocale::c()}; // English plural forms, as the app loads them

    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = m_sandbox->openWindow();
        window->setHeadPollInterval(300);
        return window;
    }

    Volume head() { return m_sandbox->head(); }

    // Answers the conflict dialogs as they open, one (button, apply to all) per dialog.
    class ConflictAnswerer : public QObject
    {
    public:
        ConflictAnswerer(QWidget *window, QList<std::pair<QString, bool>> answers) : m_answers(std::move(answers))
        {
            connect(&m_poll, &QTimer::timeout, this, [this, window] {
                for (auto *dialog : window->findChildren<QMessageBox *>(QStringLiteral("conflictDialog"))) {
                    if (!dialog->isVisible() || m_answers.isEmpty())
                        continue;
                    const auto [button, all] = m_answers.takeFirst();
                    ++asked;
                    if (all) // offered when more clashes follow
                        dialog->checkBox()->setChecked(true);
                    for (QAbstractButton *b : dialog->buttons())
                        if (b->text() == button)
                            b->click();
                }
            });
            m_poll.start(10);
        }
        int asked = 0;

    private:
        QList<std::pair<QString, bool>> m_answers;
        QTimer m_poll;
    };

    QList<QUrl> localUrls(const QStringList &relative) const
    {
        QList<QUrl> urls;
        for (const QString &r : relative)
            urls << QUrl::fromLocalFile(m_sandbox->path(r));
        return urls;
    }

    // Makes the store directory refuse writes until the guard goes: a read-only bind mount for
    // root, whom permission bits do not stop, else mode 0555.
    std::shared_ptr<QByteArray> makeStoreReadOnly()
    {
        const QByteArray dir = QFile::encodeName(m_sandbox->storePath());
        if (::geteuid() != 0) {
            if (::chmod(dir.constData(), 0555) != 0)
                return nullptr;
            return std::shared_ptr<QByteArray>(new QByteArray(dir), [](QByteArray *d) {
                ::chmod(d->constData(), 0700);
                delete d;
            });
        }
        if (::mount(dir.constData(), dir.constData(), nullptr, MS_BIND, nullptr) != 0)
            return nullptr;
        auto mounted = std::shared_ptr<QByteArray>(new QByteArray(dir), [](QByteArray *d) {
            ::umount2(d->constData(), MNT_DETACH);
            delete d;
        });
        if (::mount(nullptr, dir.constData(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
            return nullptr;
        return mounted;
    }

    static bool actionEnabled(QWidget *window, const char *name)
    {
        auto *action = window->findChild<QAction *>(QLatin1String(name));
        return action && action->isEnabled();
    }

private slots:
    void init() { m_sandbox = std::make_unique<testing::AppSandbox>(testing::AppSandbox::Contents::SampleFiles); }
    void cleanup() { m_sandbox.reset(); }

    void dropThenCommitMakesOneVersion()
    {
        auto window = openWindow();
        const qint64 before = head().version();
        testing::writeFile(m_sandbox->path(QStringLiteral("up/x.bin")), testing::randomBytes(300000, 1));
        testing::writeFile(m_sandbox->path(QStringLiteral("up/folder/y.txt")), "why");
        testing::writeFile(m_sandbox->path(QStringLiteral("z.txt")), "zed");

        RemoteTreeModel *model = window->fileModel();
        // What a drop from a file manager does: onto the empty area (the root), and onto a folder.
        QMimeData toRoot;
        toRoot.setUrls({QUrl::fromLocalFile(m_sandbox->path(QStringLiteral("up/x.bin"))),
                        QUrl::fromLocalFile(m_sandbox->path(QStringLiteral("up/folder")))});
        QVERIFY(model->canDropMimeData(&toRoot, Qt::CopyAction, -1, -1, {}));
        QVERIFY(model->dropMimeData(&toRoot, Qt::CopyAction, -1, -1, {}));
        QMimeData toData;
        toData.setUrls({QUrl::fromLocalFile(m_sandbox->path(QStringLiteral("z.txt")))});
        QVERIFY(model->dropMimeData(&toData, Qt::CopyAction, -1, -1, model->indexForPath(QStringLiteral("data"))));
        QTRY_COMPARE(window->pendingModel()->rowCount(), 3);
        QCOMPARE(model->indexForPath(QStringLiteral("data")).data(RemoteTreeModel::BadgeRole).toString(), QStringLiteral("1 pending inside"));
        QCOMPARE(head().version(), before); // staged, not committed

        window->commitNow(QStringLiteral("from a drop"));
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        QCOMPARE(window->bannerText(), QString());
        QCOMPARE(window->pendingModel()->rowCount(), 0);
        Volume after = head();
        QCOMPARE(after.version(), before + 1);
        QCOMPARE(after.record().message, QStringLiteral("from a drop"));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("x.bin")), testing::randomBytes(300000, 1));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("folder/y.txt")), QByteArray("why"));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("data/z.txt")), QByteArray("zed"));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("a.txt")), QByteArray("one"));
        QTRY_COMPARE(window->currentVolume()->version(), before + 1); // the window shows what it made
        QTRY_VERIFY(model->indexForPath(QStringLiteral("x.bin")).isValid());
    }

    void dropOfTakenNamesAsksOnceWithApplyToAll()
    {
        auto window = openWindow();
        testing::writeFile(m_sandbox->path(QStringLiteral("up/a.txt")), "new a");
        testing::writeFile(m_sandbox->path(QStringLiteral("up/data/new.txt")), "new");
        testing::writeFile(m_sandbox->path(QStringLiteral("up/fresh.txt")), "fresh");
        ConflictAnswerer answerer(window.get(), {{QStringLiteral("Keep Both"), true}});
        window->stageUrls(localUrls({QStringLiteral("up/a.txt"), QStringLiteral("up/data"), QStringLiteral("up/fresh.txt")}), {});
        QTRY_COMPARE(window->pendingModel()->rowCount(), 3);
        QCOMPARE(answerer.asked, 1); // two clashes, one question
        window->commitNow({});
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        Volume after = head();
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("a.txt")), QByteArray("one"));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("a (2).txt")), QByteArray("new a"));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("data/in.txt")), QByteArray("inside"));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("data (2)/new.txt")), QByteArray("new"));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("fresh.txt")), QByteArray("fresh"));
    }

    void dropOfTakenNamesReplacesOrSkipsEachAsAnswered()
    {
        auto window = openWindow();
        testing::writeFile(m_sandbox->path(QStringLiteral("up/data/new.txt")), "new");
        testing::writeFile(m_sandbox->path(QStringLiteral("up/a.txt")), "new a");
        ConflictAnswerer answerer(window.get(), {{QStringLiteral("Replace"), false}, {QStringLiteral("Skip"), false}});
        window->stageUrls(localUrls({QStringLiteral("up/data"), QStringLiteral("up/a.txt")}), {});
        QTRY_COMPARE(answerer.asked, 2);
        QTRY_COMPARE(window->pendingModel()->rowCount(), 2); // remove data, upload data; a.txt skipped
        window->commitNow({});
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        Volume after = head();
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("data/new.txt")), QByteArray("new"));
        QVERIFY(!after.stat(QStringLiteral("data/in.txt"))); // replaced, not merged
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("a.txt")), QByteArray("one"));
    }

    void readOnlyStoreIsSaidAtOnceAndOffersNoWrites()
    {
        const std::shared_ptr<QByteArray> readOnly = makeStoreReadOnly();
        if (!readOnly)
            QSKIP("cannot make the store directory read-only here");
        auto window = openWindow();
        QVERIFY(window->isStoreReadOnly());
        QVERIFY2(window->readOnlyText().contains(QStringLiteral("is read-only: browsing and downloads work")), qPrintable(window->readOnlyText()));
        window->fileView()->selectionModel()->select(window->fileModel()->indexForPath(QStringLiteral("a.txt")),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(actionEnabled(window.get(), "downloadAction"));
        QVERIFY(actionEnabled(window.get(), "historyAction"));
        for (const char *name : {"uploadFilesAction", "uploadFolderAction", "deleteAction", "renameAction", "copyAction", "newFolderAction",
                                 "commitAction", "newVolumeAction", "deleteVolumeAction"})
            QVERIFY2(!actionEnabled(window.get(), name), name);
        QMimeData drop;
        drop.setUrls({QUrl::fromLocalFile(m_sandbox->path(QStringLiteral("any.txt")))});
        QVERIFY(!window->fileModel()->canDropMimeData(&drop, Qt::CopyAction, -1, -1, {}));
    }

    void aWriteTheStoreRefusesTurnsTheWindowReadOnly()
    {
        auto window = openWindow();
        QVERIFY(!window->isStoreReadOnly());
        QCOMPARE(window->readOnlyText(), QString());
        window->stageRemove({QStringLiteral("a.txt")});
        const std::shared_ptr<QByteArray> readOnly = makeStoreReadOnly();
        if (!readOnly)
            QSKIP("cannot make the store directory read-only here");
        QSignalSpy finished(window.get(), &MainWindow::commitFinished);
        window->commitNow({});
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(window->isStoreReadOnly());
        QVERIFY(!actionEnabled(window.get(), "uploadFilesAction"));
        QVERIFY(window->readOnlyText().contains(QStringLiteral("is read-only")));
    }

    void internalDragMovesAndCopies()
    {
        auto window = openWindow();
        RemoteTreeModel *model = window->fileModel();
        std::unique_ptr<QMimeData> drag(model->mimeData({model->indexForPath(QStringLiteral("a.txt"))}));
        QVERIFY(drag);
        const QModelIndex data = model->indexForPath(QStringLiteral("data"));
        QVERIFY(model->dropMimeData(drag.get(), Qt::MoveAction, -1, -1, data));
        QVERIFY(model->dropMimeData(drag.get(), Qt::CopyAction, -1, -1, {})); // onto its own folder: nothing
        QCOMPARE(window->pendingModel()->rowCount(), 1);
        window->commitNow({});
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        Volume after = head();
        QVERIFY(!after.stat(QStringLiteral("a.txt")));
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("data/a.txt")), QByteArray("one"));
    }

    void reloadShowsAnotherWritersCommitAndKeepsPendingChanges()
    {
        auto window = openWindow();
        const qint64 shown = window->currentVolume()->version();
        window->stageRemove({QStringLiteral("a.txt")});
        QCOMPARE(window->pendingModel()->rowCount(), 1);

        testing::writeFile(m_sandbox->path(QStringLiteral("other.txt")), "from elsewhere");
        const testing::CliResult put = testing::runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("demo"),
                                                        m_sandbox->path(QStringLiteral("other.txt")), QStringLiteral("data/other.txt")});
        QVERIFY2(put.exitCode == 0, put.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(window->behindText(), QStringLiteral("1 version behind"), 10000);
        QCOMPARE(window->currentVolume()->version(), shown);

        window->fileView()->expand(window->fileModel()->indexForPath(QStringLiteral("data")));
        QTRY_VERIFY(window->fileModel()->indexForPath(QStringLiteral("data/in.txt")).isValid());
        window->reload();
        QTRY_COMPARE(window->currentVolume()->version(), shown + 1);
        QTRY_COMPARE(window->behindText(), QStringLiteral("Up to date"));
        // The open folder opens again and shows the new file, marked as changed.
        QTRY_VERIFY(window->fileModel()->indexForPath(QStringLiteral("data/other.txt")).isValid());
        QVERIFY(window->fileModel()->indexForPath(QStringLiteral("data/other.txt")).data(RemoteTreeModel::ChangedRole).toBool());
        QVERIFY(window->fileView()->isExpanded(window->fileModel()->indexForPath(QStringLiteral("data"))));
        QCOMPARE(window->pendingModel()->rowCount(), 1);
        QCOMPARE(window->fileModel()->indexForPath(QStringLiteral("a.txt")).data(RemoteTreeModel::BadgeRole).toString(), QStringLiteral("delete pending"));
    }

    void pendingChangesSurviveARestart()
    {
        {
            auto window = openWindow();
            window->stageNewFolder(QStringLiteral("empty"));
            window->stageRemove({QStringLiteral("a.txt")});
            QCOMPARE(window->pendingModel()->rowCount(), 2);
            testing::settleEnginePool(); // the pending list is saved on the pool
        }
        auto window = openWindow();
        QTRY_COMPARE(window->pendingModel()->rowCount(), 2);
        QCOMPARE(window->pendingModel()->changes().at(0).op, PendingChange::Op::NewFolder);
        const qint64 before = head().version();
        window->commitNow({});
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        Volume after = head();
        QCOMPARE(after.version(), before + 1);
        QVERIFY(after.stat(QStringLiteral("empty")) && after.stat(QStringLiteral("empty"))->isDir());
        QVERIFY(!after.stat(QStringLiteral("a.txt")));
        testing::settleEnginePool();
        auto third = openWindow();
        QCOMPARE(third->pendingModel()->rowCount(), 0); // committed changes are not kept
    }

    void quittingAsksWhatToDoWithPendingChanges()
    {
        // Answers the question the window asks when it closes.
        auto answer = [](const QString &button) {
            QTimer::singleShot(0, [button] {
                QTRY_VERIFY(QApplication::activeModalWidget());
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                for (QAbstractButton *b : box->buttons())
                    if (b->text() == button)
                        b->click();
            });
        };
        {
            auto window = openWindow();
            window->stageNewFolder(QStringLiteral("kept"));
            answer(QStringLiteral("Keep for Next Time"));
            QVERIFY(window->close());
            testing::settleEnginePool();
        }
        {
            auto window = openWindow();
            QTRY_COMPARE(window->pendingModel()->rowCount(), 1);
            answer(QStringLiteral("Discard"));
            QVERIFY(window->close());
            testing::settleEnginePool();
        }
        auto window = openWindow();
        testing::settleEnginePool();
        QCOMPARE(window->pendingModel()->rowCount(), 0);
        QVERIFY(!head().stat(QStringLiteral("kept")));
    }

    void historyRestoresAnOldFile()
    {
        const qint64 first = head().version();
        Volume v = head();
        v.putData("two", QStringLiteral("a.txt"));
        v.commit(QStringLiteral("second"));
        auto window = openWindow();

        HistoryDialog dialog(*window->currentVolume(), window.get());
        connect(&dialog, &HistoryDialog::restoreRequested, window.get(), &MainWindow::stageRestore);
        dialog.show();
        QTRY_COMPARE(dialog.historyModel()->rowCount(), int(first + 1));
        QCOMPARE(dialog.historyModel()->versionAt(0).message, QStringLiteral("second"));
        dialog.compare(first, first + 1);
        QTRY_COMPARE(dialog.diffModel()->rowCount(), 1);
        QCOMPARE(dialog.diffModel()->index(0, 1).data().toString(), QStringLiteral("a.txt"));

        dialog.openVersion(first);
        QTRY_COMPARE(dialog.shownVersion(), first);
        QTRY_VERIFY(dialog.filesModel()->indexForPath(QStringLiteral("a.txt")).isValid());
        dialog.filesView()->setCurrentIndex(dialog.filesModel()->indexForPath(QStringLiteral("a.txt")));
        dialog.restoreSelected();
        QCOMPARE(window->pendingModel()->rowCount(), 1);
        window->commitNow({});
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        Volume after = head();
        QCOMPARE(after.version(), first + 2);
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("a.txt")), QByteArray("one"));
    }

    void automaticCommit()
    {
        auto window = openWindow();
        const qint64 before = head().version();
        auto *automatic = window->findChild<QAction *>(QStringLiteral("commitAutomaticallyAction"));
        QVERIFY(automatic && automatic->isCheckable());
        automatic->setChecked(true);
        window->stageNewFolder(QStringLiteral("auto"));
        QTRY_COMPARE_WITH_TIMEOUT(head().version(), before + 1, 20000);
        QVERIFY(head().stat(QStringLiteral("auto")));
        QTRY_COMPARE(window->pendingModel()->rowCount(), 0);
        automatic->setChecked(false);
    }

    void dropOnAnEmptyStoreMakesAVolume()
    {
        Volume::deleteVolume(QStringLiteral("demo"), m_sandbox->repository());
        MainWindow window(m_sandbox->storeUrl());
        window.show();
        QTRY_VERIFY(window.isStoreOpen());
        QTRY_COMPARE(window.volumeModel()->rowCount(), 0);
        QVERIFY(!window.currentVolume());
        testing::writeFile(m_sandbox->path(QStringLiteral("weights/model.bin")), "weights");
        window.dropUrls({QUrl::fromLocalFile(m_sandbox->path(QStringLiteral("weights")))});
        QTRY_VERIFY(window.currentVolume().has_value());
        QCOMPARE(window.currentVolume()->name(), QStringLiteral("weights"));
        QTRY_COMPARE(window.pendingModel()->rowCount(), 1);
        window.commitNow({});
        QTRY_VERIFY_WITH_TIMEOUT(!window.isCommitting(), 30000);
        Volume made = Volume::fromName(QStringLiteral("weights"), {}, m_sandbox->repository());
        QCOMPARE(testing::readVolumeFile(made, QStringLiteral("weights/model.bin")), QByteArray("weights"));
    }

    void unusableStoreIsShownInTheBanner()
    {
        const QString notADirectory = m_sandbox->path(QStringLiteral("plain-file"));
        testing::writeFile(notADirectory, "not a store");
        MainWindow window(notADirectory);
        window.show();
        QTRY_VERIFY(!window.bannerText().isEmpty());
        QVERIFY2(window.bannerText().contains(notADirectory), qPrintable(window.bannerText()));
        QVERIFY(!window.isStoreOpen());
        QVERIFY(window.isVisible()); // no modal box: the window stays usable
    }

    void failedCommitKeepsChangesAndSaysWhy()
    {
        auto window = openWindow();
        window->stageRestore(QStringLiteral("never-was.txt"), false, 1);
        window->commitNow({});
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        QVERIFY2(window->bannerText().contains(QStringLiteral("\"demo\"")), qPrintable(window->bannerText()));
        QVERIFY(window->bannerText().contains(QStringLiteral("never-was.txt")));
        QCOMPARE(window->pendingModel()->rowCount(), 1);
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
