#pragma once

#include "dnd/DropPlanner.h"

#include <QMessageBox>

namespace trove::ui {

// Asks what to do with a dropped or uploaded item whose name the target folder holds
// already: Replace, Skip or Keep Both, with "Apply to all" for the rest of the batch.
// Window-modal and opened with open(), so the window keeps painting; the choice arrives
// through answered().
class ConflictDialog : public QMessageBox
{
    Q_OBJECT
public:
    // `remaining`: clashes of the batch after this one (the "Apply to all" box shows when > 0).
    ConflictDialog(const QString &remotePath, bool existingIsFolder, const QString &volume, int remaining, QWidget *parent);

signals:
    void answered(trove::ui::ClashAnswer answer, bool applyToAll);
};

} // namespace trove::ui
