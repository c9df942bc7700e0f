#include "S3StoreForm.h"

#include "Error.h"
#include "S3Store.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrlQuery>

namespace trove::ui {

S3StoreForm::S3StoreForm(QWidget *parent) : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_name = addLine(QStringLiteral("storeName"), tr("&Name:"), tr("e.g. Team weights"));
    m_endpoint = addLine(QStringLiteral("storeEndpoint"), tr("&Endpoint:"), tr("empty for AWS S3, or e.g. https://s3.example.com:9000"));
    m_bucket = addLine(QStringLiteral("storeBucket"), tr("&Bucket:"), tr("bucket name"));
    m_prefix = addLine(QStringLiteral("storePrefix"), tr("&Prefix:"), tr("optional, e.g. trove/"));
    m_region = addLine(QStringLiteral("storeRegion"), tr("&Region:"), QStringLiteral("us-east-1"));
    m_addressing = new QComboBox;
    m_addressing->setObjectName(QStringLiteral("storeAddressing"));
    m_addressing->setAccessibleName(tr("Addressing"));
    m_addressing->addItem(tr("Path style (endpoint/bucket): Ceph, MinIO"), true);
    m_addressing->addItem(tr("Virtual host (bucket.endpoint): AWS"), false);
    connect(m_addressing, &QComboBox::activated, this, &S3StoreForm::edited);
    m_caFile = new QLineEdit;
    m_caFile->setObjectName(QStringLiteral("storeCaFile"));
    m_caFile->setAccessibleName(tr("CA file"));
    m_caFile->setPlaceholderText(tr("optional: PEM file of a private certificate authority"));
    connect(m_caFile, &QLineEdit::textEdited, this, &S3StoreForm::edited);
    auto *browse = new QPushButton(tr("Browse…"));
    browse->setObjectName(QStringLiteral("browseCaFile"));
    browse->setAccessibleName(tr("Browse for a CA file"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("CA File"), m_caFile->text(), tr("Certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty()) {
            m_caFile->setText(file);
            emit edited();
        }
    });
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    form->addRow(tr("&Addressing:"), m_addressing);
    auto *caLabel = new QLabel(tr("&CA file:"));
    caLabel->setBuddy(m_caFile); // a row holding a layout gets no buddy of its own
    form->addRow(caLabel, caRow);
    m_accessKey = addLine(QStringLiteral("storeAccessKey"), tr("Access &key:"), tr("kept in the desktop keyring"));
    m_secret = addLine(QStringLiteral("storeSecret"), tr("&Secret key:"), tr("kept in the desktop keyring"));
    m_secret->setEchoMode(QLineEdit::Password);
}

QLineEdit *S3StoreForm::addLine(const QString &objectName, const QString &label, const QString &placeholder)
{
    auto *line = new QLineEdit;
    line->setObjectName(objectName);
    line->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    line->setPlaceholderText(placeholder);
    connect(line, &QLineEdit::textEdited, this, &S3StoreForm::edited);
    static_cast<QFormLayout *>(layout())->addRow(label, line);
    return line;
}

QString S3StoreForm::urlOf(const QString &endpoint, const QString &bucket, const QString &prefix, const QString &region,
                           bool pathStyle, const QString &caFile)
{
    QUrl url;
    url.setScheme(QStringLiteral("s3"));
    url.setHost(bucket);
    QString path = prefix;
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    url.setPath(path.isEmpty() ? QString() : QLatin1Char('/') + path);
    QUrlQuery query;
    if (!endpoint.isEmpty()) // none: AWS S3 in the region
        query.addQueryItem(QStringLiteral("endpoint"), QString::fromLatin1(QUrl::toPercentEncoding(endpoint)));
    if (!region.isEmpty())
        query.addQueryItem(QStringLiteral("region"), region);
    query.addQueryItem(QStringLiteral("addressing"), pathStyle ? QStringLiteral("path") : QStringLiteral("virtual"));
    if (!caFile.isEmpty())
        query.addQueryItem(QStringLiteral("ca-file"), QString::fromLatin1(QUrl::toPercentEncoding(caFile)));
    url.setQuery(query);
    return url.toString();
}

void S3StoreForm::setStore(const StoreEntry &entry)
{
    m_name->setText(entry.name);
    S3Location location;
    try {
        location = S3Location::parse(entry.url);
    } catch (const Error &) {
        location.endpoint = QUrl(); // a new store: empty fields
    }
    m_endpoint->setText(location.endpoint.toString());
    m_bucket->setText(location.bucket);
    m_prefix->setText(location.prefix);
    m_region->setText(location.region);
    m_addressing->setCurrentIndex(location.pathStyle ? 0 : 1);
    m_caFile->setText(location.caFile);
    setKeys({});
}

void S3StoreForm::setKeys(const AwsCredentials &keys)
{
    m_accessKey->setText(keys.accessKeyId);
    m_secret->setText(keys.secretAccessKey);
}

StoreEntry S3StoreForm::store() const
{
    return {m_name->text().trimmed(), urlOf(m_endpoint->text().trimmed(), m_bucket->text().trimmed(), m_prefix->text().trimmed(),
                                            m_region->text().trimmed(), m_addressing->currentData().toBool(), m_caFile->text().trimmed())};
}

AwsCredentials S3StoreForm::keys() const
{
    AwsCredentials keys;
    keys.accessKeyId = m_accessKey->text().trimmed();
    keys.secretAccessKey = m_secret->text().trimmed();
    keys.source = tr("the desktop keyring");
    return keys;
}

QString S3StoreForm::problemOf(const StoreEntry &entry)
{
    if (entry.name.isEmpty())
        return tr("Give the store a name.");
    if (QUrl(entry.url).host().isEmpty())
        return tr("Enter the bucket of store \"%1\".").arg(entry.name);
    try {
        S3Location::parse(entry.url);
    } catch (const Error &e) {
        return tr("Store \"%1\": %2").arg(entry.name, e.message());
    }
    return {};
}

} // namespace trove::ui
