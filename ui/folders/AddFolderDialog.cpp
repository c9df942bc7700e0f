#include "AddFolderDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace trove::ui {

AddFolderDialog::AddFolderDialog(const QStringList &volumes, const QString &preferredVolume, QWidget *parent)
    : QDialog(parent), m_folder(new QLineEdit(this)), m_volume(new QComboBox(this)), m_path(new QLineEdit(QStringLiteral("/"), this)),
      m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("addFolderDialog"));
    setWindowTitle(tr("Add Watched Folder"));
    auto *what = new QLabel(tr("Trove commits what changes in the folder to the volume, and brings newer versions of the volume into the folder."), this);
    what->setWordWrap(true);

    m_folder->setObjectName(QStringLiteral("watchedFolderPath"));
    m_folder->setAccessibleName(tr("Folder"));
    m_folder->setPlaceholderText(tr("/home/you/checkpoints"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("watchedFolderBrowse"));
    browse->setAccessibleName(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, &AddFolderDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_volume->setObjectName(QStringLiteral("watchedFolderVolume"));
    m_volume->setAccessibleName(tr("Volume"));
    m_volume->setEditable(true); // a new name creates the volume
    m_volume->lineEdit()->setAccessibleName(tr("Volume")); // typed into, by screen readers too
    m_volume->setInsertPolicy(QComboBox::NoInsert);
    m_volume->addItems(volumes);
    m_volume->setCurrentText(volumes.contains(preferredVolume) ? preferredVolume : volumes.value(0));
    m_volume->setToolTip(tr("An existing volume, or a new name to create one"));

    m_path->setObjectName(QStringLiteral("watchedFolderRemotePath"));
    m_path->setAccessibleName(tr("Path in volume"));
    m_path->setToolTip(tr("The folder of the volume that the local folder mirrors; / for the whole volume"));

    m_hint->setObjectName(QStringLiteral("addFolderHint"));
    m_hint->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(what);
    auto *folderLabel = new QLabel(tr("&Folder:"), this); // the field is a row, so the form sets no buddy itself
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("&Volume:"), m_volume);
    form->addRow(tr("&Path in volume:"), m_path);
    form->addRow(m_hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("addFolderOk"));
    m_ok->setAccessibleName(tr("OK"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("addFolderCancel"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    setLayout(form);

    connect(m_folder, &QLineEdit::textChanged, this, &AddFolderDialog::validate);
    connect(m_volume, &QComboBox::currentTextChanged, this, &AddFolderDialog::validate);
    validate();
    resize(520, sizeHint().height());
}

QString AddFolderDialog::folder() const
{
    QString typed = m_folder->text().trimmed();
    if (typed == QLatin1String("~") || typed.startsWith(QLatin1String("~/")))
        typed.replace(0, 1, QDir::homePath());
    return QDir::isAbsolutePath(typed) ? QDir::cleanPath(typed) : QString();
}

QString AddFolderDialog::volume() const { return m_volume->currentText().trimmed(); }

QString AddFolderDialog::remotePath() const
{
    const QString path = m_path->text().trimmed();
    return path.isEmpty() ? QStringLiteral("/") : path;
}

void AddFolderDialog::browse()
{
    const QString picked = QFileDialog::getExistingDirectory(this, tr("Folder to Watch"), folder().isEmpty() ? QDir::homePath() : folder());
    if (!picked.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(picked));
}

void AddFolderDialog::validate()
{
    const bool typed = !m_folder->text().trimmed().isEmpty();
    QString problem;
    if (typed && folder().isEmpty())
        problem = tr("Type the folder's full path, starting with / (or ~/ for your home folder).");
    else if (volume().contains(QLatin1Char('/')))
        problem = tr("A volume name has no \"/\"; put the folder inside the volume in Path in volume.");
    m_hint->setText(problem);
    m_hint->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty() && typed && !volume().isEmpty());
}

} // namespace trove::ui
