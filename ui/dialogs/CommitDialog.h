#pragma once

#include <QDialog>

class QLineEdit;

namespace trove::ui {

// Asks for an optional message before the pending changes become one new version.
class CommitDialog : public QDialog
{
    Q_OBJECT
public:
    CommitDialog(const QString &volume, const QStringList &changes, QWidget *parent = nullptr);
    QString message() const;

private:
    QLineEdit *m_message;
};

} // namespace trove::ui
