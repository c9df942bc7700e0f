#pragma once

#include "Volume.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeView;

namespace trove::ui {

class DiffModel;
class HistoryModel;
class RemoteTreeModel;
class TensorDiffDialog;

// A volume's versions. Selecting one shows its files read-only; Restore brings the selected
// file or folder back as a pending change; Compare lists what differs between two versions,
// and Compare tensors… which tensors differ in a .safetensors file changed between them.
class HistoryDialog : public QDialog
{
    Q_OBJECT
public:
    HistoryDialog(const Volume &volume, QWidget *parent = nullptr);

    HistoryModel *historyModel() const { return m_history; }
    RemoteTreeModel *filesModel() const { return m_files; }
    DiffModel *diffModel() const { return m_diff; }
    QTableView *versionsView() const { return m_versions; }
    QTreeView *filesView() const { return m_tree; }
    QTableView *comparisonView() const { return m_diffView; }
    qint64 shownVersion() const { return m_shownVersion; }
    void openVersion(qint64 version);
    void compare(qint64 from, qint64 to);
    void restoreSelected();
    // The tensor diff of the comparison's selected .safetensors file, in its own dialog;
    // nullptr when the selection is not a .safetensors file present in both versions.
    TensorDiffDialog *compareTensorsOfSelected();

signals:
    void restoreRequested(const QString &path, bool isDir, qint64 fromVersion);

private:
    void loadHistory();
    void onVersionSelected();
    void showError(const QString &text);
    QString selectedTensorFile() const;

    Volume m_volume;
    HistoryModel *m_history;
    RemoteTreeModel *m_files;
    DiffModel *m_diff;
    QTableView *m_versions;
    QTreeView *m_tree;
    QTableView *m_diffView;
    QTabWidget *m_tabs;
    QLabel *m_status;
    QPushButton *m_restore;
    QPushButton *m_compare;
    QPushButton *m_compareTensors;
    qint64 m_shownVersion = 0;
    qint64 m_comparedFrom = 0; // the versions the Comparison tab shows
    qint64 m_comparedTo = 0;
    quint64 m_openRequest = 0;
};

} // namespace trove::ui
