#include "DropPlanner.h"

#include "Error.h"
#include "RemotePath.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace trove::ui {

DropPlan DropPlan::resolved(const QList<ClashAnswer> &answers) const
{
    DropPlan plan;
    plan.existing = existing;
    plan.error = error;
    QSet<QString> taken(existing.keyBegin(), existing.keyEnd());
    for (const trove::Step &step : steps)
        taken.insert(remotepath::nameOf(step.remote));
    QSet<QString> dropped; // names of this drop met so far
    int clash = 0;
    for (trove::Step step : steps) {
        const QString name = remotepath::nameOf(step.remote);
        const bool twice = dropped.contains(name);
        dropped.insert(name);
        if (!twice && !existing.contains(name)) {
            plan.steps.append(step);
            continue;
        }
        switch (answers.value(clash++, ClashAnswer::Skip)) {
        case ClashAnswer::Skip: break;
        case ClashAnswer::KeepBoth: {
            const QString free = DropPlanner::freeName(name, taken);
            taken.insert(free);
            step.remote = remotepath::join(remotepath::parentOf(step.remote), free);
            plan.steps.append(step);
            break;
        }
        case ClashAnswer::Replace:
            if (twice) // the later of two dropped items with one name wins
                plan.steps.removeIf([&](const trove::Step &s) { return s.remote == step.remote; });
            else if (existing.value(name) || step.kind == trove::Step::Kind::Directory)
                plan.replaced.append(step.remote); // a file over a file needs no removal: the upload overwrites it
            plan.steps.append(step);
            break;
        }
    }
    return plan;
}

QString DropPlanner::freeName(const QString &name, const QSet<QString> &taken)
{
    int dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot > 0 && name.left(dot).endsWith(QLatin1String(".tar"), Qt::CaseInsensitive))
        dot -= 4; // "model (2).tar.gz"
    const QString stem = dot > 0 ? name.left(dot) : name; // ".bashrc" has no extension
    const QString extension = dot > 0 ? name.mid(dot) : QString();
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(extension);
        if (!taken.contains(candidate))
            return candidate;
    }
}

DropPlan DropPlanner::plan(const QList<QUrl> &urls, const QString &targetFolder, const QHash<QString, bool> &existing)
{
    DropPlan plan;
    plan.existing = existing;
    if (urls.isEmpty()) {
        plan.error = tr("Nothing was dropped.");
        return plan;
    }
    QSet<QString> taken(existing.keyBegin(), existing.keyEnd());
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
