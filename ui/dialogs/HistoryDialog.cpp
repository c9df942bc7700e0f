#include "HistoryDialog.h"

#include "Async.h"
#include "DiffModel.h"
#include "ErrorText.h"
#include "FileFacts.h"
#include "HistoryModel.h"
#include "RemoteTreeModel.h"
#include "TensorDiffDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace trove::ui {

HistoryDialog::HistoryDialog(const Volume &volume, QWidget *parent)
    : QDialog(parent),
      m_volume(volume),
      m_history(new HistoryModel(this)),
      m_files(new RemoteTreeModel(this)),
      m_diff(new DiffModel(this)),
      m_versions(new QTableView(this)),
      m_tree(new QTreeView(this)),
      m_diffView(new QTableView(this)),
      m_tabs(new QTabWidget(this)),
      m_status(new QLabel(this)),
      m_restore(new QPushButton(tr("Restore"), this)),
      m_compare(new QPushButton(tr("Compare"), this)),
      m_compareTensors(new QPushButton(tr("Compare tensors…"), this))
{
    setObjectName(QStringLiteral("historyDialog"));
    setWindowTitle(tr("History of %1").arg(volume.name()));
    m_files->setReadOnly(true);

    m_versions->setObjectName(QStringLiteral("versionsTable"));
    m_versions->setAccessibleName(tr("Versions"));
    m_versions->setModel(m_history);
    m_versions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_versions->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_versions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_versions->verticalHeader()->hide();
    m_versions->setWordWrap(false);
    m_versions->horizontalHeader()->setSectionResizeMode(HistoryModel::MessageColumn, QHeaderView::Stretch);
    m_versions->verticalHeader()->setDefaultSectionSize(m_versions->fontMetrics().height() + 8);
    m_versions->setColumnWidth(HistoryModel::VersionColumn, 60);
    m_versions->setColumnWidth(HistoryModel::TimeColumn, 135);
    m_versions->setColumnWidth(HistoryModel::WriterColumn, 125);
    m_versions->setColumnWidth(HistoryModel::ChangesColumn, 84);

    m_tree->setObjectName(QStringLiteral("versionFiles"));
    m_tree->setAccessibleName(tr("Files at version"));
    m_tree->setModel(m_files);
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(RemoteTreeModel::NameColumn, Qt::AscendingOrder);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(RemoteTreeModel::NameColumn, 230);
    m_tree->setColumnWidth(RemoteTreeModel::SizeColumn, 80);
    m_tree->setColumnWidth(RemoteTreeModel::ModifiedColumn, 120);
    m_tree->hideColumn(RemoteTreeModel::KindColumn); // the dialog is narrow; the main window shows kinds

    m_diffView->setObjectName(QStringLiteral("comparison"));
    m_diffView->setAccessibleName(tr("Comparison"));
    m_diffView->setModel(m_diff);
    m_diffView->verticalHeader()->hide();
    m_diffView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_diffView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_diffView->horizontalHeader()->setSectionResizeMode(DiffModel::PathColumn, QHeaderView::Stretch);
    for (int column : {int(DiffModel::ChangeColumn), int(DiffModel::OldSizeColumn), int(DiffModel::NewSizeColumn)})
        m_diffView->setColumnWidth(column, 80); // the path takes the rest, elided in the middle
    m_diffView->setTextElideMode(Qt::ElideMiddle);
    m_diffView->setWordWrap(false);
    m_diffView->verticalHeader()->setDefaultSectionSize(m_diffView->fontMetrics().height() + 8);

    m_tabs->setObjectName(QStringLiteral("historyTabs"));
    m_tabs->setAccessibleName(tr("Version details"));
    m_tabs->addTab(m_tree, tr("Files"));
    m_tabs->addTab(m_diffView, tr("Comparison"));

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("historySplitter"));
    splitter->addWidget(m_versions);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({640, 500});

    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    m_restore->setObjectName(QStringLiteral("historyRestore"));
    m_restore->setAccessibleName(tr("Restore"));
    m_restore->setToolTip(tr("Bring the selected file or folder back as it was in this version (a pending change)"));
    m_restore->setEnabled(false);
    m_compare->setObjectName(QStringLiteral("historyCompare"));
    m_compare->setAccessibleName(tr("Compare"));
    m_compare->setToolTip(tr("Compare the two selected versions, or the selected one with the one before it"));
    m_compare->setEnabled(false);
    m_compareTensors->setObjectName(QStringLiteral("historyCompareTensors"));
    m_compareTensors->setAccessibleName(m_compareTensors->text());
    m_compareTensors->setToolTip(tr("List the tensors that differ between the two compared versions of the selected .safetensors file"));
    m_compareTensors->setEnabled(false);
    auto *close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("historyClose"));
    close->setAccessibleName(tr("Close"));
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_restore);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_compareTensors);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    resize(1160, 580);

    connect(m_versions->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HistoryDialog::onVersionSelected);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_restore->setEnabled(m_tree->currentIndex().isValid() && m_shownVersion > 0); });
    connect(m_restore, &QPushButton::clicked, this, &HistoryDialog::restoreSelected);
    connect(m_diffView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_compareTensors->setEnabled(!selectedTensorFile().isEmpty()); });
    connect(m_diffView, &QTableView::activated, this, [this] { compareTensorsOfSelected(); });
    connect(m_compareTensors, &QPushButton::clicked, this, &HistoryDialog::compareTensorsOfSelected);
    connect(m_compare, &QPushButton::clicked, this, [this] {
        QList<qint64> picked;
        for (const QModelIndex &row : m_versions->selectionModel()->selectedRows())
            picked << row.data(HistoryModel::VersionRole).toLongLong();
        std::sort(picked.begin(), picked.end());
        if (picked.size() >= 2)
            compare(picked.first(), picked.last());
        else if (picked.size() == 1 && picked.first() > 1)
            compare(picked.first() - 1, picked.first());
    });
    connect(m_files, &RemoteTreeModel::directoryFailed, this, [this](const QString &path, const QString &message) {
        showError(tr("Could not list \"%1\" in version %2: %3").arg(path.isEmpty() ? QStringLiteral("/") : path).arg(m_shownVersion).arg(message));
    });
    loadHistory();
}

void HistoryDialog::showError(const QString &text)
{
    m_status->setText(text);
    m_status->setAccessibleName(text);
}

void HistoryDialog::loadHistory()
{
    runAsync(this, [volume = m_volume]() mutable { return volume.history(); },
             [this](const Result<QList<VersionRecord>> &result) {
                 if (!result.ok()) {
                     showError(describeError(result.errorKind, result.error, tr("Could not read the history of \"%1\".").arg(m_volume.name())));
                     return;
                 }
                 m_history->setVersions(*result.value);
                 if (m_history->rowCount() > 0)
                     m_versions->selectRow(0);
             });
}

void HistoryDialog::onVersionSelected()
{
    const QModelIndexList rows = m_versions->selectionModel()->selectedRows();
    m_compare->setEnabled(rows.size() >= 2 || (rows.size() == 1 && rows.first().data(HistoryModel::VersionRole).toLongLong() > 1));
    const QModelIndex current = m_versions->currentIndex();
    if (rows.size() == 1 && current.isValid())
        openVersion(current.siblingAtColumn(0).data(HistoryModel::VersionRole).toLongLong());
}

void HistoryDialog::openVersion(qint64 version)
{
    if (version == m_shownVersion)
        return;
    const quint64 request = ++m_openRequest;
    runAsync(this,
             [repo = m_volume.repository(), name = m_volume.name(), version] {
                 VolumeOptions options;
                 options.atVersion = version;
                 return std::make_shared<Volume>(Volume::fromName(name, options, repo));
             },
             [this, request, version](const Result<std::shared_ptr<Volume>> &result) {
                 if (request != m_openRequest)
                     return;
                 if (!result.ok()) {
                     showError(describeError(result.errorKind, result.error, tr("Could not open version %1 of \"%2\".").arg(version).arg(m_volume.name())));
                     return;
                 }
                 m_shownVersion = version;
                 m_files->setVolume(**result.value);
                 m_tabs->setTabText(0, tr("Files at version %1").arg(version));
                 m_tabs->setCurrentIndex(0);
                 m_restore->setEnabled(false);
                 showError(QString());
             });
}

void HistoryDialog::compare(qint64 from, qint64 to)
{
    runAsync(this, [volume = m_volume, from, to]() mutable { return volume.diff(from, to); },
             [this, from, to](const Result<QList<DiffEntry>> &result) {
                 if (!result.ok()) {
                     showError(describeError(result.errorKind, result.error, tr("Could not compare versions %1 and %2.").arg(from).arg(to)));
                     return;
                 }
                  m_comparedFrom = from;
                 m_comparedTo = to;
                 m_diff->setDiff(*result.value);
                 m_compareTensors->setEnabled(false); // the reset dropped the selection silently
                 m_tabs->setTabText(1, tr("Comparison %1 → %2").arg(from).arg(to));
                 m_tabs->setCurrentIndex(1);
                 showError(result.value->isEmpty() ? tr("Versions %1 and %2 hold the same files.").arg(from).arg(to)
                                                   : tr("%n file(s) differ between versions %1 and %2.", nullptr, int(result.value->size())).arg(from).arg(to));
             });
}

void HistoryDialog::restoreSelected()
{
    const QModelIndex index = m_tree->currentIndex();
    if (!index.isValid() || m_shownVersion <= 0)
        return;
    const QString path = index.data(RemoteTreeModel::PathRole).toString();
    emit restoreRequested(path, index.data(RemoteTreeModel::IsDirRole).toBool(), m_shownVersion);
    showError(tr("\"%1\" from version %2 is now a pending change; press Commit in the main window to make it a version.").arg(path).arg(m_shownVersion));
}

QString HistoryDialog::selectedTensorFile() const
{
    const QModelIndex index = m_diffView->currentIndex();
    if (!index.isValid() || !m_diffView->selectionModel()->isRowSelected(index.row()))
        return {};
    const DiffEntry &entry = m_diff->entry(index.row());
    return entry.change == DiffEntry::Change::Modified && filefacts::isSafetensors(entry.path) ? entry.path : QString();
}

TensorDiffDialog *HistoryDialog::compareTensorsOfSelected()
{
    const QString path = selectedTensorFile();
    if (path.isEmpty())
        return nullptr;
    auto *dialog = new TensorDiffDialog(m_volume.repository(), m_volume.info(), path, m_comparedFrom, m_comparedTo, this);
    dialog->show();
    return dialog;
}

} // namespace trove::ui
