#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace trove::ui {

// A strip at the top of the window that says what went wrong and what to do, without
// blocking anything; Dismiss hides it, and an optional action button offers the way out.
class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    // Shows `message`; `actionText` (e.g. "Retry") adds a button that emits actionTriggered.
    void showMessage(const QString &message, const QString &actionText = {});
    QString message() const;

signals:
    void actionTriggered();

private:
    QLabel *m_text;
    QPushButton *m_action;
    QPushButton *m_dismiss;
};

} // namespace trove::ui
