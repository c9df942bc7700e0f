#pragma once

#include "StoreList.h"

#include <QWidget>

class QComboBox;

namespace trove::ui {

// The store picker above the volume list: every store of StoreList (and the one the app was
// started on, if it is not among them), with a button to the stores dialog. A store that
// could not be opened says so in its row, and stays selectable for a retry.
class StoreSwitcher : public QWidget
{
    Q_OBJECT
public:
    explicit StoreSwitcher(const QString &shownUrl, QWidget *parent = nullptr);

    QString currentUrl() const;
    void choose(const QString &url); // as if picked from the list
    // Marks `url`'s row reachable or not; `problem` becomes its tooltip.
    void setReachable(const QString &url, bool reachable, const QString &problem = {});
    QString rowText(const QString &url) const;

signals:
    void storeChosen(const QString &url);

private:
    void reload(const QString &select);
    void manageStores();

    QComboBox *m_combo;
    QList<StoreEntry> m_stores;
};

} // namespace trove::ui
