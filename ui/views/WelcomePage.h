#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;

namespace trove::ui {

// What the window shows when the store has no volume yet: an invitation to create one, or to
// drop files, which makes a volume named after the first of them.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    void setText(const QString &title, const QString &detail);

signals:
    void newVolumeRequested();
    void urlsDropped(const QList<QUrl> &urls);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_detail;
};

} // namespace trove::ui
