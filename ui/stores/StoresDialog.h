#pragma once

#include "AwsCredentials.h"
#include "ConnectionCheck.h"
#include "StoreList.h"

#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace trove::ui {

class S3StoreForm;

// Add, edit and remove stores. The embedded local store is always first and cannot be
// removed; an S3 store is a store URL plus its keys in the desktop keyring (as `trove-cli
// login` keeps them). "Test connection" runs ConnectionCheck on EnginePool. Save writes the
// list and the keys typed, then closes.
class StoresDialog : public QDialog
{
    Q_OBJECT
public:
    explicit StoresDialog(QWidget *parent = nullptr);

    QList<StoreEntry> stores() const;
    void selectStore(int row);
    void addS3Store();
    void removeSelected();
    void testConnection();
    void save();

signals:
    void checkFinished(const QList<trove::ui::CheckStep> &steps);
    void saved();           // the list and keys are written; the dialog closes
    void saveFailed(const QString &message);

private:
    struct Row
    {
        StoreEntry entry;
        std::optional<AwsCredentials> keys; // typed or loaded in this dialog; nullopt: untouched
    };
    void showRow(int row);
    void loadKeys(int row);
    void showSteps(const QList<CheckStep> &steps);
    void updateButtons();

    QList<Row> m_rows;
    int m_shown = -1;
    bool m_checking = false;
    QListWidget *m_list;
    QStackedWidget *m_pages;
    QLabel *m_localText;
    S3StoreForm *m_form;
    QPushButton *m_add, *m_remove, *m_test;
    QLabel *m_results;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace trove::ui
