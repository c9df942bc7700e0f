#pragma once

#include <QObject>
#include <QTimer>

class QLabel;
class QStatusBar;

namespace trove::ui {

// The status bar's lasting part: the volume, the version shown, how many versions it is
// behind the store, the pending changes and the cache's size. Each is a label whose
// accessible name is its text, so screen readers and AT-SPI tools read it.
class StatusPanel : public QObject
{
    Q_OBJECT
public:
    explicit StatusPanel(QStatusBar *bar);

    void setStoreText(const QString &text);
    void setVolume(const QString &name, qint64 version, qint64 head);
    void clearVolume();
    void setUnreachable(const QString &message);
    void setPending(int count, bool committing);
    void setTransfers(const QString &totals); // the transfer queue's totals; "" hides them
    QString behindText() const;

private:
    void updateCacheUse();
    QLabel *addLabel(const QString &objectName, bool separated);
    static void setLabel(QLabel *label, const QString &text);

    QStatusBar *m_bar;
    QLabel *m_volume;
    QLabel *m_version;
    QLabel *m_behind;
    QLabel *m_pending;
    QLabel *m_transfers;
    QLabel *m_cache;
    QTimer m_cacheTimer;
};

} // namespace trove::ui
