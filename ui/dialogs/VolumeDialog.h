#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace trove::ui {

// Asks for a volume name, and for a new volume its format (v2 by default).
class VolumeDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Create, Rename, Fork };
    VolumeDialog(Mode mode, const QString &currentName, QWidget *parent = nullptr);

    QString name() const;
    int format() const; // 1 or 2

private:
    QLineEdit *m_name;
    QComboBox *m_format = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace trove::ui
