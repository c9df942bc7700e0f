#include "PendingChange.h"

#include "Error.h"
#include "RemotePath.h"
#include "Repository.h"
#include "Uploader.h"
#include "VersionLog.h"

#include <QDateTime>

namespace trove::ui {

namespace {

const char *const OpNames[] = {"upload-file", "upload-folder", "remove", "copy", "move", "new-folder", "restore"};

QString shown(const QString &path) { return path.isEmpty() ? QStringLiteral("/") : path; }

} // namespace

QString PendingChange::describe() const
{
    switch (op) {
    case Op::UploadFile: return tr("Upload file %1").arg(shown(remote));
    case Op::UploadFolder: return tr("Upload folder %1").arg(shown(remote));
    case Op::Remove: return tr("Delete %1").arg(shown(remote));
    case Op::Copy: return tr("Copy %1 to %2").arg(shown(source), shown(remote));
    case Op::Move: return tr("Move %1 to %2").arg(shown(source), shown(remote));
    case Op::NewFolder: return tr("New folder %1").arg(shown(remote));
    case Op::Restore: return tr("Restore %1 from version %2").arg(shown(remote)).arg(fromVersion);
    }
    return {};
}

QJsonObject PendingChange::toJson() const
{
    return {{QStringLiteral("op"), QLatin1String(OpNames[int(op)])},
            {QStringLiteral("remote"), remote},
            {QStringLiteral("local"), local},
            {QStringLiteral("source"), source},
            {QStringLiteral("dir"), isDir},
            {QStringLiteral("from"), fromVersion}};
}

PendingChange PendingChange::fromJson(const QJsonObject &object)
{
    PendingChange c;
    const QString name = object.value(QStringLiteral("op")).toString();
    for (int i = 0; i < int(std::size(OpNames)); ++i)
        if (name == QLatin1String(OpNames[i]))
            c.op = Op(i);
    c.remote = object.value(QStringLiteral("remote")).toString();
    c.local = object.value(QStringLiteral("local")).toString();
    c.source = object.value(QStringLiteral("source")).toString();
    c.isDir = object.value(QStringLiteral("dir")).toBool();
    c.fromVersion = object.value(QStringLiteral("from")).toInteger();
    return c;
}

bool PendingChange::operator==(const PendingChange &o) const
{
    return op == o.op && remote == o.remote && local == o.local && source == o.source && isDir == o.isDir && fromVersion == o.fromVersion;
}

QList<Step> PendingChange::toSteps(const QList<PendingChange> &changes, Repository &repo, const VolumeInfo &volume)
{
    QList<Step> steps;
    for (const PendingChange &c : changes) {
        const QString remote = remotepath::normalize(c.remote);
        switch (c.op) {
        case Op::UploadFile: steps.append(Step::file(c.local, remote)); break;
        case Op::UploadFolder: steps.append(Step::directory(c.local, remote)); break;
        case Op::Remove: steps.append(Step::of(Change::remove(remote, c.isDir))); break;
        case Op::Copy: steps.append(Step::of(Change::copy(remotepath::normalize(c.source), remote, c.isDir))); break;
        case Op::Move:
            steps.append(Step::of(Change::copy(remotepath::normalize(c.source), remote, c.isDir)));
            steps.append(Step::of(Change::remove(remotepath::normalize(c.source), c.isDir)));
            break;
        case Op::NewFolder: {
            TreeEntry folder;
            folder.name = remotepath::nameOf(remote); // the transfer queue stores the entry as a one-entry tree
            folder.kind = TreeEntry::Kind::Dir;
            folder.mtimeMs = QDateTime::currentMSecsSinceEpoch();
            steps.append(Step::of(Change::put(remote, folder)));
            break;
        }
        case Op::Restore: {
            const VersionRecord old = VersionLog(repo.store(), volume.id).read(c.fromVersion);
            const std::optional<TreeEntry> entry = repo.lookup(old.root, remote);
            if (!entry)
                fail(Error::Kind::NotFound, tr("\"%1\" did not exist in version %2 of volume \"%3\"").arg(c.remote).arg(c.fromVersion).arg(volume.name));
            steps.append(Step::of(Change::put(remote, *entry)));
            break;
        }
        }
    }
    return steps;
}

} // namespace trove::ui
