#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QPushButton;

namespace trove::ui {

// What the window shows when the store has no volume yet: an invitation to create one, or to
// drop files, which makes a volume named after the first of them.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    // `canCreate` false: no store is open, so there is nowhere to create a volume.
    void setText(const QString &title, const QString &detail, bool canCreate = true);

signals:
    void newVolumeRequested();
    void urlsDropped(const QList<QUrl> &urls);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_detail;
    QPushButton *m_create;
};

} // namespace trove::ui
