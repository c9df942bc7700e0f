// The stores dialog: "Test connection" against the real S3 server (good keys pass every
// step, a wrong secret fails at the keys, a missing bucket at the bucket, a closed port at
// the endpoint), the list and the keys survive a restart, and the embedded store stays. The
// S3 cases run as tst_storesdialog_s3 inside tests/with-keyring.sh.
#include "ConnectionCheck.h"
#include "Keyring.h"
#include "S3Store.h"
#include "StoreList.h"
#include "StoresDialog.h"
#include "TestSupport.h"

#include <QLineEdit>
#include <QPushButton>
#include <QUuid>
#include <QtTest>
#include <unistd.h>

using namespace trove;
using namespace trove::ui;

class TstStoresDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    S3Location m_location;
    QString m_keyId, m_secret;
    bool m_s3 = false;

    static void type(StoresDialog &dialog, const char *field, const QString &text)
    {
        auto *line = dialog.findChild<QLineEdit *>(QLatin1String(field));
        QVERIFY2(line, field);
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Backspace);
        QTest::keyClicks(line, text);
    }

    // A new S3 store in `dialog` filled in as a user would, with the test server's fields.
    void fillS3Store(StoresDialog &dialog, const QString &bucket, const QString &secret, const QString &endpoint = {})
    {
        dialog.addS3Store();
        type(dialog, "storeName", QStringLiteral("Team store"));
        type(dialog, "storeEndpoint", endpoint.isEmpty() ? m_location.endpoint.toString() : endpoint);
        type(dialog, "storeBucket", bucket);
        type(dialog, "storePrefix", QStringLiteral("dialog-test/"));
        type(dialog, "storeAccessKey", m_keyId);
        type(dialog, "storeSecret", secret);
    }

    QList<CheckStep> check(StoresDialog &dialog)
    {
        QSignalSpy finished(&dialog, &StoresDialog::checkFinished);
        dialog.findChild<QPushButton *>(QStringLiteral("testConnection"))->click();
        if (!finished.wait(60000))
            return {};
        return finished.first().first().value<QList<CheckStep>>();
    }

    static QString describe(const QList<CheckStep> &steps)
    {
        QStringList lines;
        for (const CheckStep &s : steps)
            lines << QStringLiteral("%1 [%2] %3").arg(s.title).arg(int(s.verdict)).arg(s.detail);
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<QList<CheckStep>>();
        m_sandbox = std::make_unique<testing::Sandbox>();
        qputenv("XDG_CONFIG_HOME", m_sandbox->path(QStringLiteral("config")).toUtf8());
        const QString url = qEnvironmentVariable("TROVE_TEST_STORE");
        m_s3 = url.startsWith(QLatin1String("s3://")) && !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
        if (!m_s3)
            return;
        m_location = S3Location::parse(url);
        m_keyId = qEnvironmentVariable("AWS_ACCESS_KEY_ID");
        m_secret = qEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        S3Store(m_location, AwsCredentials::resolve()).ensureBucket();
        // From here on the dialog's fields and the keyring are the only keys.
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
    }

    void goodKeysPassEveryStep()
    {
        if (!m_s3)
            QSKIP("needs the S3 server and a session keyring (tst_storesdialog_s3)");
        StoresDialog dialog;
        fillS3Store(dialog, m_location.bucket, m_secret);
        const QList<CheckStep> steps = check(dialog);
        QCOMPARE(steps.size(), 4);
        QVERIFY2(ConnectionCheck::allPassed(steps), qPrintable(describe(steps)));
        // The probe was deleted: nothing is left under the prefix.
        S3Location location = m_location;
        location.prefix = QStringLiteral("dialog-test/");
        AwsCredentials keys;
        keys.accessKeyId = m_keyId;
        keys.secretAccessKey = m_secret;
        QVERIFY(S3Store(location, keys).list(QString(), QString(), 10).objects.isEmpty());
    }

    void wrongSecretFailsAtTheKeys()
    {
        if (!m_s3)
            QSKIP("needs the S3 server and a session keyring (tst_storesdialog_s3)");
        StoresDialog dialog;
        fillS3Store(dialog, m_location.bucket, QStringLiteral("not-the-secret"));
        const QList<CheckStep> steps = check(dialog);
        QCOMPARE(steps.size(), 4);
        QCOMPARE(steps[0].verdict, CheckStep::Verdict::Passed);
        QCOMPARE(steps[1].verdict, CheckStep::Verdict::Failed);
        QVERIFY2(steps[1].detail.contains(QLatin1String("refused the keys")) && steps[1].detail.contains(QLatin1String("SignatureDoesNotMatch")),
                 qPrintable(steps[1].detail));
        QCOMPARE(steps[2].verdict, CheckStep::Verdict::NotRun);
        QCOMPARE(steps[3].verdict, CheckStep::Verdict::NotRun);
    }

    void missingBucketFailsAtTheBucket()
    {
        if (!m_s3)
            QSKIP("needs the S3 server and a session keyring (tst_storesdialog_s3)");
        StoresDialog dialog;
        const QString bucket = QStringLiteral("no-such-bucket-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        fillS3Store(dialog, bucket, m_secret);
        const QList<CheckStep> steps = check(dialog);
        QCOMPARE(steps.size(), 4);
        QCOMPARE(steps[1].verdict, CheckStep::Verdict::Passed);
        QCOMPARE(steps[2].verdict, CheckStep::Verdict::Failed);
        QVERIFY2(steps[2].detail.contains(bucket) && steps[2].detail.contains(QLatin1String("does not exist")), qPrintable(steps[2].detail));
    }

    void closedPortFailsAtTheEndpoint()
    {
        if (!m_s3)
            QSKIP("needs the S3 server and a session keyring (tst_storesdialog_s3)");
        int port = 0;
        ::close(testing::listenOnLoopback(&port)); // a port nobody listens on
        StoresDialog dialog;
        fillS3Store(dialog, m_location.bucket, m_secret, QStringLiteral("http://127.0.0.1:%1").arg(port));
        const QList<CheckStep> steps = check(dialog);
        QCOMPARE(steps.size(), 4);
        QCOMPARE(steps[0].verdict, CheckStep::Verdict::Failed);
        QVERIFY2(steps[0].detail.contains(QLatin1String("could not reach")), qPrintable(steps[0].detail));
    }

    void storesAndKeysSurviveARestart()
    {
        QString url;
        {
            StoresDialog dialog;
            fillS3Store(dialog, m_s3 ? m_location.bucket : QStringLiteral("kept-bucket"),
                        m_s3 ? m_secret : QString(), m_s3 ? QString() : QStringLiteral("http://127.0.0.1:9"));
            QSignalSpy saved(&dialog, &StoresDialog::saved);
            dialog.save();
            QVERIFY(saved.wait(30000));
            url = dialog.stores().last().url;
        }
        StoresDialog reopened;
        const QList<StoreEntry> stores = reopened.stores();
        QCOMPARE(stores.size(), 2);
        QCOMPARE(stores.first(), StoreList::embeddedStore());
        QCOMPARE(stores.last().name, QStringLiteral("Team store"));
        QCOMPARE(stores.last().url, url);
        const S3Location location = S3Location::parse(url);
        QCOMPARE(location.prefix, QStringLiteral("dialog-test/"));
        QVERIFY(!testing::readFile(StoreList::filePath()).contains("secret"));
        if (!m_s3)
            return;
        QCOMPARE(location.endpoint, m_location.endpoint);
        const auto keys = keyring::load(keyring::entryFor(location.endpoint.toString(), location.bucket));
        QVERIFY(keys.has_value());
        QCOMPARE(keys->secretAccessKey, m_secret);
        QVERIFY(!testing::readFile(StoreList::filePath()).contains(m_secret.toUtf8()));
    }

    void embeddedStoreCannotBeRemoved()
    {
        StoresDialog dialog;
        const int before = int(dialog.stores().size());
        dialog.selectStore(0);
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("removeStore"))->isEnabled());
        dialog.removeSelected();
        QCOMPARE(dialog.stores().size(), before);
        QCOMPARE(dialog.stores().first(), StoreList::embeddedStore());
    }
};

QTEST_MAIN(TstStoresDialog)
#include "tst_storesdialog.moc"
