#pragma once

#include "Uploader.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <QUrl>

namespace trove::ui {

// What a drop of files onto a folder of a volume would upload.
struct DropPlan
{
    QList<trove::Step> steps;
    QStringList clashes; // remote paths that exist in the folder already, or are dropped twice
    QString error;       // set when nothing may be uploaded; says why, for the user

    bool isValid() const { return error.isEmpty() && !steps.isEmpty(); }
    // The plan that skips the clashing names (the answer "Skip" to the replace question).
    DropPlan withoutClashes() const;
};

// Turns URLs dropped from a file manager into upload steps for a folder of a volume: local
// files become Step::file, local folders Step::directory, each named after the dropped item
// inside the target folder. Reads only the dropped items' own metadata (no walk of folders).
class DropPlanner
{
    Q_DECLARE_TR_FUNCTIONS(trove::ui::DropPlanner)
public:
    // `targetFolder` is a volume path ("" is the root); `existingNames` the names that the
    // loaded listing of that folder holds.
    static DropPlan plan(const QList<QUrl> &urls, const QString &targetFolder, const QStringList &existingNames);
};

} // namespace trove::ui
