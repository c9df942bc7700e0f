#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace trove {
class Repository;
struct Step;
struct VolumeInfo;
}

namespace trove::ui {

// One change made in the app and not yet committed, recorded as the user's request (not as
// resolved engine steps), so it can be saved, shown and replayed on any newer version.
struct PendingChange
{
    Q_DECLARE_TR_FUNCTIONS(trove::ui::PendingChange)
public:
    enum class Op { UploadFile, UploadFolder, Remove, Copy, Move, NewFolder, Restore };

    Op op = Op::UploadFile;
    QString remote;   // the path changed: destination of uploads, copies, moves
    QString local;    // uploads: the local file or folder
    QString source;   // copies and moves: the path copied
    bool isDir = false;
    qint64 fromVersion = 0; // restores

    QString describe() const; // one line for the Pending changes list
    QJsonObject toJson() const;
    static PendingChange fromJson(const QJsonObject &object);
    bool operator==(const PendingChange &other) const;

    // The engine steps that carry out `changes`, in order. Blocking (a restore reads the old
    // version): call on EnginePool.
    static QList<Step> toSteps(const QList<PendingChange> &changes, Repository &repo, const VolumeInfo &volume);
};

} // namespace trove::ui
