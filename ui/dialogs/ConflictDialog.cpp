#include "ConflictDialog.h"

#include "RemotePath.h"

#include <QCheckBox>
#include <QPushButton>

namespace trove::ui {

ConflictDialog::ConflictDialog(const QString &remotePath, bool existingIsFolder, const QString &volume, int remaining, QWidget *parent)
    : QMessageBox(QMessageBox::Question, tr("Name already taken"), QString(), QMessageBox::NoButton, parent)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowModality(Qt::WindowModal);
    const QString folder = remotepath::parentOf(remotePath);
    setText(tr("Folder \"%1\" of volume \"%2\" already has %3 named \"%4\".")
                .arg(folder.isEmpty() ? QStringLiteral("/") : folder, volume,
                     existingIsFolder ? tr("a folder") : tr("an item"), remotepath::nameOf(remotePath)));
    setInformativeText(existingIsFolder ? tr("Replace removes that folder and uploads the dropped one in its place at the next commit; "
                                             "Keep Both uploads it under a new name.")
                                        : tr("Replace uploads the dropped item over it at the next commit; Keep Both uploads it under a new name."));
    QPushButton *replace = addButton(tr("Replace"), QMessageBox::AcceptRole);
    QPushButton *skip = addButton(tr("Skip"), QMessageBox::RejectRole);
    QPushButton *keepBoth = addButton(tr("Keep Both"), QMessageBox::AcceptRole);
    for (QPushButton *b : {replace, skip, keepBoth})
        b->setAccessibleName(b->text());
    setDefaultButton(keepBoth); // loses nothing
    setEscapeButton(skip);
    if (remaining > 0) {
        auto *all = new QCheckBox(remaining == 1 ? tr("Apply to the other clash of this drop")
                                                 : tr("Apply to all %1 other clashes of this drop").arg(remaining));
        all->setObjectName(QStringLiteral("applyToAll"));
        all->setAccessibleName(all->text());
        setCheckBox(all);
    }
    connect(this, &QMessageBox::buttonClicked, this, [this, replace, keepBoth](QAbstractButton *button) {
        const ClashAnswer answer = button == replace ? ClashAnswer::Replace : button == keepBoth ? ClashAnswer::KeepBoth : ClashAnswer::Skip;
        emit answered(answer, checkBox() && checkBox()->isChecked());
    });
}

} // namespace trove::ui
