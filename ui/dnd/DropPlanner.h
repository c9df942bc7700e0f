#pragma once

#include "Uploader.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QUrl>

namespace trove::ui {

// What the user chose for a dropped item whose name the target folder holds already.
enum class ClashAnswer { Replace, Skip, KeepBoth };

// What a drop of files onto a folder of a volume would upload.
struct DropPlan
{
    QList<trove::Step> steps;
    QStringList clashes;         // remote paths that exist in the folder already, or are dropped twice
    QHash<QString, bool> existing; // the folder's names before the drop, and whether each is a folder
    QStringList replaced;        // resolved plans: existing entries removed before their replacement uploads
                                 // (where a folder is involved; an uploaded file overwrites a file)
    QString error;               // set when nothing may be uploaded; says why, for the user

    bool isValid() const { return error.isEmpty() && !steps.isEmpty(); }
    // The plan once clash i has answers[i] (missing answers skip): Skip leaves the item out,
    // Keep Both uploads it as the first free "name (2).ext", and Replace uploads it in place,
    // removing an existing folder (or a file a folder replaces) first, so a folder is replaced
    // rather than merged.
    DropPlan resolved(const QList<ClashAnswer> &answers) const;
    // The plan that skips every clashing name.
    DropPlan withoutClashes() const { return resolved({}); }
};

// Turns URLs dropped from a file manager into upload steps for a folder of a volume: local
// files become Step::file, local folders Step::directory, each named after the dropped item
// inside the target folder. Reads only the dropped items' own metadata (no walk of folders).
class DropPlanner
{
    Q_DECLARE_TR_FUNCTIONS(trove::ui::DropPlanner)
public:
    // `targetFolder` is a volume path ("" is the root); `existing` the names that the
    // listing of that folder holds, each with whether it is a folder.
    static DropPlan plan(const QList<QUrl> &urls, const QString &targetFolder, const QHash<QString, bool> &existing);
    // "a.txt" -> "a (2).txt", "data" -> "data (2)": the first such name not in `taken`.
    static QString freeName(const QString &name, const QSet<QString> &taken);
};

} // namespace trove::ui
