#include "VolumeCommands.h"

#include "Async.h"
#include "ErrorText.h"
#include "Volume.h"
#include "VolumeDialog.h"

#include <QMessageBox>
#include <QPushButton>

namespace trove::ui {

VolumeCommands::VolumeCommands(QWidget *window) : QObject(window), m_window(window) {}

template<typename Work>
void VolumeCommands::run(Work work, const QString &select, const QString &context)
{
    if (!m_repo)
        return;
    runAsync(this, [repo = m_repo, work]() mutable {
        work(repo);
        return true;
    }, [this, select, context](const Result<bool> &result) {
        if (!result.ok()) {
            emit failed(describeError(result.errorKind, result.error, context));
            return;
        }
        emit done(select);
    });
}

void VolumeCommands::create()
{
    VolumeDialog dialog(VolumeDialog::Mode::Create, {}, m_window);
    if (dialog.exec() == QDialog::Accepted)
        createNamed(dialog.name(), dialog.format());
}

void VolumeCommands::createNamed(const QString &name, int format)
{
    run([name, format](std::shared_ptr<Repository> repo) { Volume::create(name, format, repo); }, name,
        tr("Could not create volume \"%1\".").arg(name));
}

void VolumeCommands::rename(const VolumeInfo &volume)
{
    VolumeDialog dialog(VolumeDialog::Mode::Rename, volume.name, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString to = dialog.name();
    run([from = volume.name, to](std::shared_ptr<Repository> repo) { Volume::renameVolume(from, to, repo); }, to,
        tr("Could not rename volume \"%1\" to \"%2\".").arg(volume.name, to));
}

void VolumeCommands::fork(const VolumeInfo &volume)
{
    VolumeDialog dialog(VolumeDialog::Mode::Fork, volume.name, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString to = dialog.name();
    run([from = volume.name, to](std::shared_ptr<Repository> repo) { Volume::fork(from, to, 0, 0, repo); }, to,
        tr("Could not fork volume \"%1\" into \"%2\".").arg(volume.name, to));
}

void VolumeCommands::remove(const VolumeInfo &volume)
{
    QMessageBox box(QMessageBox::Warning, tr("Delete Volume"),
                    tr("Delete volume \"%1\" and all its versions? Its data is freed at the next garbage collection; this cannot be undone.").arg(volume.name),
                    QMessageBox::NoButton, m_window);
    box.setObjectName(QStringLiteral("deleteVolumeDialog"));
    QPushButton *yes = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    QPushButton *no = box.addButton(QMessageBox::Cancel);
    yes->setAccessibleName(tr("Delete"));
    no->setAccessibleName(tr("Cancel"));
    box.setDefaultButton(no);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    run([name = volume.name](std::shared_ptr<Repository> repo) { Volume::deleteVolume(name, repo); }, QString(),
        tr("Could not delete volume \"%1\".").arg(volume.name));
}

} // namespace trove::ui
