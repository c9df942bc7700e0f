#include "QuitDialog.h"

#include <QMessageBox>
#include <QPushButton>

namespace trove::ui {

QuitDialog::Answer QuitDialog::ask(QWidget *parent, const QString &volume, int changes)
{
    QMessageBox box(QMessageBox::Question, tr("Pending changes"),
                    tr("Volume \"%1\" has changes that are not committed yet (%2).").arg(volume).arg(changes), QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("quitDialog"));
    box.setInformativeText(tr("Kept changes come back the next time Trove opens this volume."));
    QPushButton *commit = box.addButton(tr("Commit"), QMessageBox::AcceptRole);
    QPushButton *keep = box.addButton(tr("Keep for Next Time"), QMessageBox::RejectRole);
    QPushButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    for (QPushButton *b : {commit, keep, discard, cancel})
        b->setAccessibleName(b->text().remove(QLatin1Char('&')));
    box.setDefaultButton(commit);
    box.exec();
    if (box.clickedButton() == commit)
        return Answer::Commit;
    if (box.clickedButton() == keep)
        return Answer::Keep;
    if (box.clickedButton() == discard)
        return Answer::Discard;
    return Answer::Cancel;
}

} // namespace trove::ui
