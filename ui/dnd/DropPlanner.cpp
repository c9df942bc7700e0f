#include "DropPlanner.h"

#include "Error.h"
#include "RemotePath.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace trove::ui {

DropPlan DropPlan::withoutClashes() const
{
    DropPlan plan;
    plan.error = error;
    const QSet<QString> skipped(clashes.cbegin(), clashes.cend());
    for (const trove::Step &step : steps) {
        if (!skipped.contains(step.remote))
            plan.steps.append(step);
    }
    return plan;
}

DropPlan DropPlanner::plan(const QList<QUrl> &urls, const QString &targetFolder, const QStringList &existingNames)
{
    DropPlan plan;
    if (urls.isEmpty()) {
        plan.error = tr("Nothing was dropped.");
        return plan;
    }
    QSet<QString> taken(existingNames.cbegin(), existingNames.cend());
    QString folder;
    try {
        folder = remotepath::normalize(targetFolder);
    } catch (const trove::Error &e) {
        plan.error = e.message();
        return plan;
    }
    for (const QUrl &url : urls) {
        if (!url.isLocalFile()) {
            plan = {};
            plan.error = tr("Only files on this computer can be uploaded; %1 is not one. Save it to a folder first, then drop it from there.")
                             .arg(url.toDisplayString());
            return plan;
        }
        const QFileInfo info(QDir::cleanPath(url.toLocalFile()));
        if (!info.exists()) {
            plan = {};
            plan.error = tr("%1 no longer exists.").arg(QDir::toNativeSeparators(info.filePath()));
            return plan;
        }
        QString remote;
        try {
            remote = remotepath::normalize(remotepath::join(folder, info.fileName()));
        } catch (const trove::Error &e) {
            plan = {};
            plan.error = e.message();
            return plan;
        }
        if (taken.contains(info.fileName()))
            plan.clashes.append(remote);
        taken.insert(info.fileName());
        plan.steps.append(info.isDir() ? trove::Step::directory(info.absoluteFilePath(), remote)
                                       : trove::Step::file(info.absoluteFilePath(), remote));
    }
    return plan;
}

} // namespace trove::ui
