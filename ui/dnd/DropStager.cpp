#include "DropStager.h"

#include "Async.h"
#include "dialogs/ConflictDialog.h"
#include "RemotePath.h"

#include <QWidget>

namespace trove::ui {

DropStager::DropStager(QWidget *window) : QObject(window), m_window(window) {}

void DropStager::stage(const Volume &volume, const QList<QUrl> &urls, const QString &directory,
                       const std::optional<QHash<QString, bool>> &existing)
{
    auto batch = std::make_shared<Batch>();
    batch->volumeId = volume.info().id;
    batch->volumeName = volume.name();
    // Local metadata, and the folder's listing when the tree has none, are read off the GUI thread.
    runAsync(this,
             [volume = Volume(volume), urls, directory, existing]() mutable {
                 QHash<QString, bool> names;
                 if (existing) {
                     names = *existing;
                 } else if (directory.isEmpty() || volume.stat(directory)) { // a new folder, staged only, is empty
                     for (const DirEntry &entry : volume.listDir(directory))
                         names.insert(remotepath::nameOf(entry.path), entry.isDir);
                 }
                 return DropPlanner::plan(urls, directory, names);
             },
             [this, batch, directory](const Result<DropPlan> &result) {
                 const QString folder = directory.isEmpty() ? QStringLiteral("/") : directory;
                 if (!result.ok() || !result.value->error.isEmpty()) {
                     const QString why = result.ok() ? result.value->error : result.error;
                     emit failed(tr("Nothing was staged for folder \"%1\" of volume \"%2\": %3").arg(folder, batch->volumeName, why));
                     return;
                 }
                 batch->plan = *result.value;
                 askNext(batch);
             });
}

void DropStager::askNext(std::shared_ptr<Batch> batch)
{
    const QStringList &clashes = batch->plan.clashes;
    const int next = int(batch->answers.size());
    if (next >= clashes.size() || !m_window) {
        finish(*batch);
        return;
    }
    const QString remote = clashes.at(next);
    const bool isFolder = batch->plan.existing.value(remotepath::nameOf(remote));
    auto *dialog = new ConflictDialog(remote, isFolder, batch->volumeName, int(clashes.size()) - next - 1, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConflictDialog::answered, this, [this, batch](ClashAnswer answer, bool applyToAll) {
        const qsizetype count = applyToAll ? batch->plan.clashes.size() - batch->answers.size() : 1;
        for (qsizetype i = 0; i < count; ++i)
            batch->answers.append(answer);
        // After the dialog has closed: the next one opens from a clean event-loop pass.
        QMetaObject::invokeMethod(this, [this, batch] { askNext(batch); }, Qt::QueuedConnection);
    });
    dialog->open();
}

void DropStager::finish(const Batch &batch)
{
    const DropPlan plan = batch.plan.resolved(batch.answers);
    QList<PendingChange> changes;
    for (const QString &path : plan.replaced) {
        PendingChange c;
        c.op = PendingChange::Op::Remove;
        c.remote = path;
        c.isDir = plan.existing.value(remotepath::nameOf(path));
        changes << c;
    }
    for (const Step &step : plan.steps) {
        PendingChange c;
        c.isDir = step.kind == Step::Kind::Directory;
        c.op = c.isDir ? PendingChange::Op::UploadFolder : PendingChange::Op::UploadFile;
        c.local = step.local;
        c.remote = step.remote;
        changes << c;
    }
    emit staged(batch.volumeId, changes);
}

} // namespace trove::ui
