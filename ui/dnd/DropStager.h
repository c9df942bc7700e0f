#pragma once

#include "DropPlanner.h"
#include "PendingChange.h"
#include "Volume.h"

#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

class QWidget;

namespace trove::ui {

// Turns dropped or uploaded local files into pending changes for a folder of a volume. The
// plan is made on EnginePool against the folder's names (the tree's listing when it has one,
// else a listing of the shown version); each clashing name is asked about once (Replace,
// Skip, Keep Both, with "Apply to all" for the rest of the batch), without blocking the window.
class DropStager : public QObject
{
    Q_OBJECT
public:
    explicit DropStager(QWidget *window);

    // `existing`: the folder's names and whether each is a folder, when the tree has listed it.
    void stage(const Volume &volume, const QList<QUrl> &urls, const QString &directory,
               const std::optional<QHash<QString, bool>> &existing);

signals:
    // `changes` is empty when every dropped name was skipped.
    void staged(const QString &volumeId, const QList<trove::ui::PendingChange> &changes);
    void failed(const QString &message);

private:
    struct Batch
    {
        QString volumeId, volumeName;
        DropPlan plan;
        QList<ClashAnswer> answers;
    };
    void askNext(std::shared_ptr<Batch> batch);
    void finish(const Batch &batch);

    QPointer<QWidget> m_window;
};

} // namespace trove::ui
