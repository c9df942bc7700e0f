#include "DetailsPane.h"

#include "Async.h"
#include "FileReader.h"
#include "Formats.h"
#include "MainWindow.h"
#include "RemotePath.h"
#include "RemoteTreeModel.h"
#include "RemoteTreeView.h"
#include "Repository.h"
#include "TensorDiffDialog.h"
#include "TensorTableModel.h"

#include <QDockWidget>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace trove::ui {

namespace {

constexpr qint64 MaxPreviewBytes = 256 * 1024;
constexpr int VersionsListed = 12;
enum Page { EmptyPage, TensorPage, PreviewPage };

QString percentOf(qint64 part, qint64 whole)
{
    return whole > 0 ? QStringLiteral(" (%1%)").arg(QLocale().toString(100.0 * double(part) / double(whole), 'f', 0)) : QString();
}

} // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent), m_cancel(std::make_shared<std::atomic<bool>>(false)), m_title(new QLabel), m_form(new QFormLayout),
      m_message(new QLabel), m_content(new QStackedWidget), m_parameters(new QLabel), m_metadata(new QLabel),
      m_tensors(new TensorTableModel(this)), m_tensorView(new QTableView), m_preview(new QPlainTextEdit),
      m_compare(new QPushButton(tr("Compare tensors…")))
{
    setObjectName(QStringLiteral("detailsPane"));
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    const QList<QPair<QString, QString>> fields = {
        {QStringLiteral("size"), tr("Size:")},           {QStringLiteral("modified"), tr("Modified:")},
        {QStringLiteral("mode"), tr("Mode:")},           {QStringLiteral("chunks"), tr("Chunks:")},
        {QStringLiteral("sharedVolume"), tr("Shared in volume:")}, {QStringLiteral("sharedStore"), tr("Shared in store:")},
        {QStringLiteral("changedIn"), tr("Changed in:")},
    };
    for (const auto &[name, label] : fields) {
        auto *value = new QLabel;
        value->setObjectName(name);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_form->addRow(label, value);
    }
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_message->setObjectName(QStringLiteral("detailsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_parameters->setObjectName(QStringLiteral("parameters"));
    m_metadata->setObjectName(QStringLiteral("metadata"));
    m_metadata->setWordWrap(true);
    m_metadata->setTextFormat(Qt::PlainText);
    m_metadata->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tensorView->setObjectName(QStringLiteral("tensorView"));
    m_tensorView->setModel(m_tensors);
    m_tensorView->verticalHeader()->hide();
    // Fixed row heights and no per-row sizing: 10,000 rows scroll as fast as 10.
    m_tensorView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tensorView->verticalHeader()->setDefaultSectionSize(m_tensorView->fontMetrics().height() + 6);
    // The name takes what the other columns leave, elided in the middle (the layer number
    // and the weight's role both matter); the others fit the rows the header samples.
    m_tensorView->horizontalHeader()->setResizeContentsPrecision(200);
    m_tensorView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tensorView->horizontalHeader()->setSectionResizeMode(TensorTableModel::NameColumn, QHeaderView::Stretch);
    m_tensorView->setTextElideMode(Qt::ElideMiddle);
    m_tensorView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tensorView->setWordWrap(false);
    m_tensorView->setMinimumHeight(m_tensorView->verticalHeader()->defaultSectionSize() * 5);
    m_compare->setObjectName(QStringLiteral("compareTensors"));
    connect(m_compare, &QPushButton::clicked, this, &DetailsPane::compareTensors);
    auto *tensorPage = new QWidget;
    auto *tensorLayout = new QVBoxLayout(tensorPage);
    tensorLayout->setContentsMargins(0, 0, 0, 0);
    tensorLayout->addWidget(m_parameters);
    tensorLayout->addWidget(m_metadata);
    tensorLayout->addWidget(m_tensorView, 1);
    tensorLayout->addWidget(m_compare, 0, Qt::AlignLeft);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_content->addWidget(new QWidget);
    m_content->addWidget(tensorPage);
    m_content->addWidget(m_preview);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_content, 1);
    clear();
}

DetailsPane::~DetailsPane() { m_cancel->store(true); }

DetailsPane *DetailsPane::install(MainWindow *window)
{
    auto *pane = new DetailsPane;
    auto *dock = new QDockWidget(tr("Details"), window);
    dock->setObjectName(QStringLiteral("detailsDock"));
    // Scrolled when the dock is shorter than the pane, so a small screen keeps the window on it.
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("detailsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(pane);
    dock->setWidget(scroll);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    // Wide enough for a tensor table, and as tall as the pending changes above leave (they keep
    // a few rows); once shown, so the docks beside it lay out their rows again.
    QTimer::singleShot(0, dock, [window, dock] {
        window->resizeDocks({dock}, {460}, Qt::Horizontal);
        window->resizeDocks({dock}, {window->height()}, Qt::Vertical);
    });
    // Waits for the selection to settle, so holding an arrow key starts no reads.
    auto *settle = new QTimer(pane);
    settle->setSingleShot(true);
    settle->setInterval(150);
    connect(settle, &QTimer::timeout, pane, [window, pane] {
        const QModelIndex current = window->fileView()->currentIndex();
        const QString path = current.data(RemoteTreeModel::PathRole).toString();
        const auto &volume = window->currentVolume();
        if (!volume || path.isEmpty() || current.data(RemoteTreeModel::IsDirRole).toBool())
            pane->clear();
        else if (path != pane->path() || volume->version() != pane->m_record.version || volume->info().id != pane->m_volume.id)
            pane->showFile(volume->repository(), volume->info(), volume->record(), path);
    });
    connect(window->fileView()->selectionModel(), &QItemSelectionModel::currentChanged, settle, qOverload<>(&QTimer::start));
    connect(window, &MainWindow::volumeShown, settle, qOverload<>(&QTimer::start));
    return pane;
}

template<typename Work, typename Done>
void DetailsPane::run(Work work, Done done)
{
    ++m_pending;
    runAsync(this, std::move(work), [this, request = m_request, done = std::move(done)](const auto &result) {
        if (request != m_request)
            return;
        --m_pending;
        done(result);
    });
}

void DetailsPane::clear()
{
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    ++m_request;
    m_pending = 0;
    m_path.clear();
    m_changedIn.clear();
    m_title->setText(tr("Select a file to see its details."));
    for (int row = 0; row < m_form->rowCount(); ++row)
        m_form->setRowVisible(row, false);
    m_message->hide();
    m_tensors->setTensors({});
    m_preview->clear();
    m_content->setCurrentIndex(EmptyPage);
}

void DetailsPane::showFile(std::shared_ptr<Repository> repo, const VolumeInfo &volume, const VersionRecord &record, const QString &path)
{
    clear();
    m_repo = std::move(repo);
    m_volume = volume;
    m_record = record;
    m_path = path;
    m_title->setText(path);
    run([repo = m_repo, root = record.root, path] {
        const std::optional<TreeEntry> entry = repo->lookup(root, remotepath::normalize(path));
        if (!entry || entry->isDir())
            return std::optional<std::pair<TreeEntry, QList<Ref>>>();
        return std::optional(std::make_pair(*entry, repo->chunksOf(*entry)));
    }, [this](const Result<std::optional<std::pair<TreeEntry, QList<Ref>>>> &result) {
        if (!result.ok())
            showMessage(tr("Cannot read the details of this file: %1").arg(result.error));
        else if (!*result.value)
            showMessage(tr("Not in version %1 yet: the details show once it is committed.").arg(m_record.version));
        else
            showEntry((*result.value)->first, (*result.value)->second);
    });
}

void DetailsPane::showEntry(const TreeEntry &entry, const QList<Ref> &chunks)
{
    setField(QStringLiteral("size"), tr("%1 (%2 bytes)").arg(formatSize(entry.size), QLocale().toString(entry.size)));
    setField(QStringLiteral("modified"), formatTime(QDateTime::fromMSecsSinceEpoch(entry.mtimeMs, Qt::UTC)));
    setField(QStringLiteral("mode"), QString::number(entry.mode, 8).rightJustified(4, QLatin1Char('0')));
    setField(QStringLiteral("chunks"), QLocale().toString(chunks.size()));
    loadContent(entry);
    loadSharing(chunks, entry.size);
    loadHistory();
}

void DetailsPane::loadContent(const TreeEntry &entry)
{
    if (filefacts::isSafetensors(m_path)) {
        m_content->setCurrentIndex(TensorPage);
        m_parameters->setText(tr("Reading the header…"));
        m_metadata->hide();
        m_compare->setEnabled(false);
        run([repo = m_repo, root = m_record.root, path = m_path] { return filefacts::headerAt(repo, root, path).header; },
            [this](const Result<safetensors::Header> &result) {
                if (!result.ok()) {
                    m_parameters->clear();
                    showMessage(tr("This .safetensors file's header cannot be read: %1").arg(result.error));
                    return;
                }
                showHeader(*result.value);
            });
        return;
    }
    if (entry.size >= MaxPreviewBytes)
        return;
    run([repo = m_repo, entry] { return FileReader(repo, entry).read(0, entry.size); }, [this](const Result<QByteArray> &result) {
        if (!result.ok()) {
            showMessage(tr("Cannot read this file for a preview: %1").arg(result.error));
        } else if (!result.value->contains('\0')) { // binary files get no preview
            m_preview->setPlainText(QString::fromUtf8(*result.value));
            m_content->setCurrentIndex(PreviewPage);
        }
    });
}

void DetailsPane::showHeader(const safetensors::Header &header)
{
    m_parameters->setText(tr("Tensors: %1    Parameters: %2").arg(QLocale().toString(header.tensors.size()), QLocale().toString(header.parameterCount)));
    QStringList metadata;
    for (const auto &[key, value] : header.metadata)
        metadata << QStringLiteral("%1: %2").arg(key, value);
    m_metadata->setText(metadata.join(QLatin1Char('\n')));
    m_metadata->setVisible(!metadata.isEmpty());
    m_tensors->setTensors(header.tensors);
    updateCompare();
}

void DetailsPane::loadSharing(const QList<Ref> &chunks, qint64 fileSize)
{
    setField(QStringLiteral("sharedVolume"), tr("computing…"));
    setField(QStringLiteral("sharedStore"), tr("computing…"));
    run([repo = m_repo, volume = m_volume, root = m_record.root, path = remotepath::normalize(m_path), chunks, cancel = m_cancel] {
        return filefacts::sharing(*repo, volume, root, path, chunks, cancel);
    }, [this, fileSize](const Result<Sharing> &result) {
        if (!result.ok()) {
            setField(QStringLiteral("sharedVolume"), tr("unknown: %1").arg(result.error));
            setField(QStringLiteral("sharedStore"), tr("unknown"));
            return;
        }
        const Sharing &s = *result.value;
        setField(QStringLiteral("sharedVolume"), formatSize(s.inVolume) + percentOf(s.inVolume, fileSize));
        setField(QStringLiteral("sharedStore"), s.stoppedEarly
                                                    ? tr("at least %1 (the store is large: stopped after %2 files)")
                                                          .arg(formatSize(s.inStore), QLocale().toString(filefacts::MaxFilesScanned))
                                                    : formatSize(s.inStore) + percentOf(s.inStore, fileSize));
    });
}

void DetailsPane::loadHistory()
{
    setField(QStringLiteral("changedIn"), tr("computing…"));
    run([repo = m_repo, volume = m_volume, version = m_record.version, path = m_path, cancel = m_cancel] {
        return filefacts::history(*repo, volume, version, path, cancel);
    }, [this](const Result<FileHistory> &result) {
        if (!result.ok()) {
            setField(QStringLiteral("changedIn"), tr("unknown: %1").arg(result.error));
            return;
        }
        m_changedIn = result.value->changedIn;
        QStringList versions;
        for (qint64 v : m_changedIn.mid(0, VersionsListed))
            versions << QString::number(v);
        QString text = versions.join(QStringLiteral(", "));
        if (m_changedIn.size() > VersionsListed)
            text = tr("%1 and %2 earlier").arg(text, QLocale().toString(m_changedIn.size() - VersionsListed));
        if (result.value->stoppedEarly)
            text = tr("%1 (the last %2 versions looked at)").arg(text).arg(filefacts::MaxVersionsScanned);
        setField(QStringLiteral("changedIn"), text);
        updateCompare();
    });
}

void DetailsPane::updateCompare()
{
    const bool earlier = m_changedIn.size() > 1;
    m_compare->setEnabled(m_tensors->rowCount() > 0 && earlier);
    m_compare->setToolTip(earlier ? tr("List the tensors that differ from an earlier version of this file")
                                  : tr("This file has no earlier version to compare with"));
}

void DetailsPane::compareTensors()
{
    QStringList items;
    for (qint64 v : m_changedIn.mid(1))
        items << tr("Version %1").arg(v);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Compare tensors"),
                                                 tr("Compare version %1 of %2 with:").arg(m_record.version).arg(m_path), items, 0, false, &ok);
    if (!ok)
        return;
    const qint64 older = m_changedIn.value(items.indexOf(chosen) + 1);
    (new TensorDiffDialog(m_repo, m_volume, m_path, older, m_record.version, window()))->show();
}

void DetailsPane::setField(const QString &objectName, const QString &text)
{
    auto *label = findChild<QLabel *>(objectName);
    label->setText(text);
    int row = -1;
    QFormLayout::ItemRole role;
    m_form->getWidgetPosition(label, &row, &role);
    m_form->setRowVisible(row, true);
}

void DetailsPane::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->show();
}

QString DetailsPane::fieldText(const QString &objectName) const
{
    const auto *label = findChild<QLabel *>(objectName);
    return label ? label->text() : QString();
}

QString DetailsPane::messageText() const { return m_message->isHidden() ? QString() : m_message->text(); }

QString DetailsPane::previewText() const { return m_content->currentIndex() == PreviewPage ? m_preview->toPlainText() : QString(); }

QString DetailsPane::parametersText() const { return m_parameters->text(); }

} // namespace trove::ui
