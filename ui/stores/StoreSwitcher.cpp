#include "StoreSwitcher.h"

#include "StoresDialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QStyle>
#include <QToolButton>
#include <algorithm>

namespace trove::ui {

StoreSwitcher::StoreSwitcher(const QString &shownUrl, QWidget *parent) : QWidget(parent), m_combo(new QComboBox)
{
    setObjectName(QStringLiteral("storeSwitcher"));
    m_combo->setObjectName(QStringLiteral("storeCombo"));
    m_combo->setAccessibleName(tr("Store"));
    m_combo->setToolTip(tr("The store whose volumes are listed below"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(10);
    auto *manage = new QToolButton;
    manage->setObjectName(QStringLiteral("manageStores"));
    manage->setText(tr("Stores…"));
    manage->setAccessibleName(manage->text());
    manage->setToolTip(tr("Add, edit or remove stores"));
    connect(manage, &QToolButton::clicked, this, &StoreSwitcher::manageStores);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo, 1);
    layout->addWidget(manage);
    reload(shownUrl);
    connect(m_combo, &QComboBox::activated, this, [this] { emit storeChosen(currentUrl()); });
}

QString StoreSwitcher::currentUrl() const { return m_combo->currentData().toString(); }

void StoreSwitcher::choose(const QString &url)
{
    const int row = m_combo->findData(url);
    if (row < 0 || url == currentUrl())
        return;
    m_combo->setCurrentIndex(row);
    emit storeChosen(url);
}

void StoreSwitcher::reload(const QString &select)
{
    m_stores = StoreList::load();
    if (std::none_of(m_stores.cbegin(), m_stores.cend(), [&select](const StoreEntry &e) { return e.url == select; }))
        m_stores.append({select, select}); // --store or TROVE_STORE: shown by its URL
    m_combo->clear();
    for (const StoreEntry &entry : std::as_const(m_stores)) {
        m_combo->addItem(entry.name, entry.url);
        m_combo->setItemData(m_combo->count() - 1, entry.url, Qt::ToolTipRole);
    }
    m_combo->setCurrentIndex(m_combo->findData(select));
}

void StoreSwitcher::setReachable(const QString &url, bool reachable, const QString &problem)
{
    const int row = m_combo->findData(url);
    if (row < 0)
        return;
    const QString name = m_stores.at(row).name;
    m_combo->setItemText(row, reachable ? name : tr("%1 (unreachable)").arg(name));
    m_combo->setItemIcon(row, reachable ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_combo->setItemData(row, reachable ? url : problem, Qt::ToolTipRole);
}

QString StoreSwitcher::rowText(const QString &url) const { return m_combo->itemText(m_combo->findData(url)); }

void StoreSwitcher::manageStores()
{
    StoresDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload(currentUrl()); // a removed store stays listed by its URL while it is shown
}

} // namespace trove::ui
