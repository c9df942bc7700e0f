#include "VolumeDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace trove::ui {

VolumeDialog::VolumeDialog(Mode mode, const QString &currentName, QWidget *parent) : QDialog(parent), m_name(new QLineEdit(this))
{
    setObjectName(QStringLiteral("volumeDialog"));
    QString okText;
    switch (mode) {
    case Mode::Create:
        setWindowTitle(tr("New Volume"));
        okText = tr("Create");
        break;
    case Mode::Rename:
        setWindowTitle(tr("Rename Volume"));
        okText = tr("Rename");
        m_name->setText(currentName);
        break;
    case Mode::Fork:
        setWindowTitle(tr("Fork Volume"));
        okText = tr("Fork");
        m_name->setText(QStringLiteral("%1-fork").arg(currentName)); // not translated: volume names are ASCII
        break;
    }
    auto *form = new QFormLayout;
    if (mode == Mode::Fork) {
        auto *what = new QLabel(tr("A new volume starting from the newest version of \"%1\"; no data is copied.").arg(currentName), this);
        what->setWordWrap(true);
        what->setObjectName(QStringLiteral("forkExplanation"));
        form->addRow(what);
    }
    m_name->setObjectName(QStringLiteral("volumeName"));
    m_name->setAccessibleName(tr("Name:"));
    m_name->selectAll();
    form->addRow(tr("&Name:"), m_name);
    if (mode == Mode::Create) {
        m_format = new QComboBox(this);
        m_format->setObjectName(QStringLiteral("volumeFormat"));
        m_format->setAccessibleName(tr("Format:"));
        m_format->addItem(tr("v2 (up to 1 TiB per file, any number of files)"), 2);
        m_format->addItem(tr("v1 (compatible with older clients)"), 1);
        form->addRow(tr("&Format:"), m_format);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(okText);
    m_ok->setObjectName(QStringLiteral("volumeDialogOk"));
    m_ok->setAccessibleName(okText);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("volumeDialogCancel"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto update = [this, mode, currentName] {
        const QString n = name();
        m_ok->setEnabled(!n.isEmpty() && !n.contains(QLatin1Char('/')) && (mode != Mode::Rename || n != currentName));
    };
    connect(m_name, &QLineEdit::textChanged, this, update);
    update();
    form->addRow(buttons);
    setLayout(form);
    resize(420, sizeHint().height());
}

QString VolumeDialog::name() const { return m_name->text().trimmed(); }

int VolumeDialog::format() const { return m_format ? m_format->currentData().toInt() : 2; }

} // namespace trove::ui
