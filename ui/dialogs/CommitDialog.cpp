#include "CommitDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace trove::ui {

CommitDialog::CommitDialog(const QString &volume, const QStringList &changes, QWidget *parent)
    : QDialog(parent), m_message(new QLineEdit(this))
{
    setObjectName(QStringLiteral("commitDialog"));
    setWindowTitle(tr("Commit"));
    auto *summary = new QLabel(tr("%n change(s) to volume \"%1\" will become one new version.", nullptr, int(changes.size())).arg(volume), this);
    summary->setObjectName(QStringLiteral("commitSummary"));
    summary->setWordWrap(true);
    auto *list = new QListWidget(this);
    list->setObjectName(QStringLiteral("commitChanges"));
    list->setAccessibleName(tr("Changes"));
    list->addItems(changes);
    list->setMaximumHeight(160);
    auto *label = new QLabel(tr("&Message (optional):"), this);
    label->setBuddy(m_message);
    m_message->setObjectName(QStringLiteral("commitMessage"));
    m_message->setAccessibleName(tr("Message (optional):"));
    m_message->setPlaceholderText(tr("What changed, for the history"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Commit"));
    ok->setObjectName(QStringLiteral("commitDialogOk"));
    ok->setAccessibleName(tr("Commit"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("commitDialogCancel"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(list);
    layout->addWidget(label);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

QString CommitDialog::message() const { return m_message->text().trimmed(); }

} // namespace trove::ui
