#pragma once

#include "AwsCredentials.h"
#include "StoreList.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace trove::ui {

// The fields of an S3 store: name, endpoint, bucket, prefix, region, addressing, CA file,
// and the keys that go to the desktop keyring. Turns them into a store URL and back.
class S3StoreForm : public QWidget
{
    Q_OBJECT
public:
    explicit S3StoreForm(QWidget *parent = nullptr);

    void setStore(const StoreEntry &entry);
    void setKeys(const AwsCredentials &keys);
    StoreEntry store() const;
    AwsCredentials keys() const;
    // What is missing or wrong, in a sentence; empty when the store can be used.
    QString problem() const { return problemOf(store()); }
    static QString problemOf(const StoreEntry &entry);

    static QString urlOf(const QString &endpoint, const QString &bucket, const QString &prefix, const QString &region,
                         bool pathStyle, const QString &caFile);

signals:
    void edited(); // the user changed a field (keys included)

private:
    QLineEdit *addLine(const QString &objectName, const QString &label, const QString &placeholder);

    QLineEdit *m_name, *m_endpoint, *m_bucket, *m_prefix, *m_region, *m_caFile, *m_accessKey, *m_secret;
    QComboBox *m_addressing;
};

} // namespace trove::ui
