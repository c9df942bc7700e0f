#include "StoresDialog.h"

#include "Async.h"
#include "Keyring.h"
#include "S3Store.h"
#include "S3StoreForm.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace trove::ui {
namespace {

QString keyringEntryOf(const StoreEntry &entry)
{
    const S3Location location = S3Location::parse(entry.url);
    return keyring::entryFor(location.endpoint.toString(), location.bucket);
}

} // namespace

StoresDialog::StoresDialog(QWidget *parent)
    : QDialog(parent), m_list(new QListWidget), m_pages(new QStackedWidget), m_localText(new QLabel), m_form(new S3StoreForm),
      m_results(new QLabel), m_message(new QLabel)
{
    setObjectName(QStringLiteral("storesDialog"));
    setWindowTitle(tr("Stores"));
    m_list->setObjectName(QStringLiteral("storeList"));
    m_list->setAccessibleName(tr("Stores"));
    m_add = new QPushButton(tr("&Add S3 Store"));
    m_add->setObjectName(QStringLiteral("addStore"));
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setObjectName(QStringLiteral("removeStore"));
    m_test = new QPushButton(tr("&Test Connection"));
    m_test->setObjectName(QStringLiteral("testConnection"));
    for (QPushButton *b : {m_add, m_remove, m_test})
        b->setAccessibleName(b->text().remove(QLatin1Char('&')));
    connect(m_add, &QPushButton::clicked, this, &StoresDialog::addS3Store);
    connect(m_remove, &QPushButton::clicked, this, &StoresDialog::removeSelected);
    connect(m_test, &QPushButton::clicked, this, &StoresDialog::testConnection);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);

    m_localText->setObjectName(QStringLiteral("localStoreText"));
    m_localText->setWordWrap(true);
    m_localText->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_results->setObjectName(QStringLiteral("checkResults"));
    m_results->setAccessibleName(tr("Connection test results"));
    m_results->setWordWrap(true);
    m_results->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_results->setTextInteractionFlags(Qt::TextSelectableByMouse); // error codes can be copied
    auto *s3Page = new QWidget;
    auto *s3Layout = new QVBoxLayout(s3Page);
    s3Layout->setContentsMargins(0, 0, 0, 0);
    s3Layout->addWidget(m_form);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch();
    s3Layout->addLayout(testRow);
    s3Layout->addWidget(m_results, 1);
    m_pages->addWidget(m_localText);
    m_pages->addWidget(s3Page);

    m_message->setObjectName(QStringLiteral("storesMessage"));
    m_message->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &StoresDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(m_pages, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    for (const StoreEntry &entry : StoreList::load()) {
        m_rows.append({entry, std::nullopt});
        m_list->addItem(entry.name);
    }
    connect(m_list, &QListWidget::currentRowChanged, this, &StoresDialog::showRow);
    connect(m_form, &S3StoreForm::edited, this, [this] {
        if (m_shown <= 0)
            return;
        m_rows[m_shown].entry = m_form->store();
        m_rows[m_shown].keys = m_form->keys();
        m_list->item(m_shown)->setText(m_rows[m_shown].entry.name);
        m_message->clear();
    });
    m_list->setCurrentRow(0);
    resize(820, 520);
}

QList<StoreEntry> StoresDialog::stores() const
{
    QList<StoreEntry> entries;
    for (const Row &row : m_rows)
        entries.append(row.entry);
    return entries;
}

void StoresDialog::selectStore(int row) { m_list->setCurrentRow(row); }

void StoresDialog::showRow(int row)
{
    m_shown = row;
    m_results->clear();
    if (row == 0) {
        m_localText->setText(tr("<b>%1</b><br>The embedded store on this computer, in %2. It is always there and needs no set-up.")
                                 .arg(m_rows[0].entry.name.toHtmlEscaped(), QUrl(m_rows[0].entry.url).toLocalFile().toHtmlEscaped()));
        m_pages->setCurrentIndex(0);
    } else if (row > 0) {
        m_form->setStore(m_rows[row].entry);
        if (m_rows[row].keys)
            m_form->setKeys(*m_rows[row].keys);
        else
            loadKeys(row);
        m_pages->setCurrentIndex(1);
    }
    updateButtons();
}

// The keys saved for the store, read on a worker (the keyring answers over D-Bus).
void StoresDialog::loadKeys(int row)
{
    if (!S3StoreForm::problemOf(m_rows[row].entry).isEmpty())
        return;
    const QString entry = keyringEntryOf(m_rows[row].entry);
    const QString url = m_rows[row].entry.url;
    runAsync(this, [entry] { return keyring::load(entry); }, [this, row, url](const Result<std::optional<AwsCredentials>> &result) {
        if (row != m_shown || m_rows[row].entry.url != url || m_rows[row].keys || !result.ok() || !*result.value)
            return;
        m_rows[row].keys = **result.value;
        m_form->setKeys(**result.value);
    });
}

void StoresDialog::addS3Store()
{
    m_rows.append({{tr("New S3 store"), QString()}, AwsCredentials()});
    m_list->addItem(m_rows.last().entry.name);
    m_list->setCurrentRow(int(m_rows.size()) - 1);
}

void StoresDialog::removeSelected()
{
    const int row = m_list->currentRow();
    if (row <= 0) // the embedded store stays
        return;
    m_rows.removeAt(row);
    m_shown = -1;
    delete m_list->takeItem(row);
    m_list->setCurrentRow(std::min(row, int(m_rows.size()) - 1));
}

void StoresDialog::testConnection()
{
    if (const QString problem = m_form->problem(); !problem.isEmpty()) {
        showSteps({{tr("Store settings"), CheckStep::Verdict::Failed, problem}});
        emit checkFinished({});
        return;
    }
    m_checking = true;
    updateButtons();
    m_results->setText(tr("Testing the connection to %1…").arg(m_form->store().url.toHtmlEscaped()));
    const S3Location location = S3Location::parse(m_form->store().url);
    const int row = m_shown;
    runAsync(this, [location, keys = m_form->keys()] { return ConnectionCheck::run(location, keys); },
             [this, row](const Result<QList<CheckStep>> &result) {
                 m_checking = false;
                 updateButtons();
                 const QList<CheckStep> steps = result.ok() ? *result.value : QList<CheckStep>{{tr("Connection test"), CheckStep::Verdict::Failed, result.error}};
                 if (row == m_shown)
                     showSteps(steps);
                 emit checkFinished(steps);
             });
}

// One row per step: a mark, the step, and its verdict in words, wrapped to the dialog.
void StoresDialog::showSteps(const QList<CheckStep> &steps)
{
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    for (const CheckStep &step : steps) {
        const bool passed = step.verdict == CheckStep::Verdict::Passed, failed = step.verdict == CheckStep::Verdict::Failed;
        html += QStringLiteral("<tr><td style=\"color:%1\"><b>%2</b></td><td><b>%3</b></td><td>%4</td></tr>")
                    .arg(passed ? QStringLiteral("#2e7d32") : failed ? QStringLiteral("#c62828") : QStringLiteral("#757575"),
                         passed ? QStringLiteral("✓") : failed ? QStringLiteral("✗") : QStringLiteral("–"), step.title.toHtmlEscaped(),
                         (step.verdict == CheckStep::Verdict::NotRun ? tr("Not tested") : step.detail).toHtmlEscaped());
    }
    m_results->setText(html + QStringLiteral("</table>"));
}

void StoresDialog::updateButtons()
{
    m_remove->setEnabled(m_shown > 0);
    m_test->setEnabled(m_shown > 0 && !m_checking);
}

// Keys typed for a store go to the keyring first (blocking, so on a worker); the list is
// written only when every one was kept, so a store is never listed without its keys.
void StoresDialog::save()
{
    QList<std::pair<QString, AwsCredentials>> keys;
    for (int row = 1; row < m_rows.size(); ++row) {
        if (const QString problem = S3StoreForm::problemOf(m_rows[row].entry); !problem.isEmpty()) {
            m_list->setCurrentRow(row);
            m_message->setText(problem);
            emit saveFailed(problem);
            return;
        }
        if (m_rows[row].keys && m_rows[row].keys->isComplete())
            keys.append({keyringEntryOf(m_rows[row].entry), *m_rows[row].keys});
    }
    m_buttons->setEnabled(false);
    runAsync(this,
             [keys] {
                 for (const auto &[entry, credentials] : keys)
                     keyring::save(entry, credentials);
                 return true;
             },
             [this](const Result<bool> &result) {
                 m_buttons->setEnabled(true);
                 QString problem;
                 if (!result.ok())
                     problem = tr("The keys could not be saved in the desktop keyring: %1 Trove keeps S3 keys only there; unlock or start the keyring and save again.")
                                   .arg(result.error);
                 else if (!StoreList::save(stores()))
                     problem = tr("The store list could not be written to %1; check that the folder is writable.").arg(StoreList::filePath());
                 if (!problem.isEmpty()) {
                     m_message->setText(problem);
                     emit saveFailed(problem);
                     return;
                 }
                 emit saved();
                 accept();
             });
}

} // namespace trove::ui
