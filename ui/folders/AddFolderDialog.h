#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace trove::ui {

// Asks which local folder to keep in sync with which volume (an existing one, or a new name
// that creates it) and where in the volume. The folder is typed or picked with Browse….
class AddFolderDialog : public QDialog
{
    Q_OBJECT
public:
    AddFolderDialog(const QStringList &volumes, const QString &preferredVolume, QWidget *parent = nullptr);

    QString folder() const;     // absolute; "~" expanded
    QString volume() const;
    QString remotePath() const; // "/" for the volume's root

    QLineEdit *folderEdit() const { return m_folder; }
    QComboBox *volumeBox() const { return m_volume; }
    QLineEdit *pathEdit() const { return m_path; }

private:
    void browse();
    void validate();

    QLineEdit *m_folder;
    QComboBox *m_volume;
    QLineEdit *m_path;
    QLabel *m_hint;
    QPushButton *m_ok = nullptr;
};

} // namespace trove::ui
