// S3 keys saved in the desktop keyring with `trove-cli login`: checked before they are kept,
// used when the environment has none, gone after `logout`, and never written to a file in
// plain text. Runs inside tests/with-keyring.sh (a private D-Bus session and GNOME Keyring)
// against the real S3 server.
#include "TestSupport.h"

#include <QDirIterator>
#include <QtTest>

using namespace testing;

class KeyringTest : public QObject
{
    Q_OBJECT

    QByteArray m_keyId, m_secret;
    std::unique_ptr<Sandbox> m_sandbox;
    QByteArray m_everythingPrinted;

    CliResult cli(const QStringList &args, const QByteArray &input = {})
    {
        CliResult r = runCli(args, input);
        m_everythingPrinted += r.out + r.err;
        return r;
    }
    CliResult login(const QByteArray &secret) { return cli({QStringLiteral("login")}, m_keyId + '\n' + secret + '\n'); }
    CliResult list() { return cli({QStringLiteral("volume"), QStringLiteral("list")}); }

private slots:
    void initTestCase()
    {
        if (!qEnvironmentVariable("TROVE_TEST_STORE").startsWith(QLatin1String("s3://")) || qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs the S3 server and a session keyring (CTest runs it through tests/with-keyring.sh)");
        m_sandbox = std::make_unique<Sandbox>();
        m_keyId = qgetenv("AWS_ACCESS_KEY_ID");
        m_secret = qgetenv("AWS_SECRET_ACCESS_KEY");
        // From here on, only the keyring can provide keys.
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_sandbox->path(QStringLiteral("none")).toUtf8());
        qputenv("AWS_CONFIG_FILE", m_sandbox->path(QStringLiteral("none")).toUtf8());
    }

    void withoutKeysTheErrorNamesLogin()
    {
        const CliResult r = list();
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("trove-cli login"), r.err.constData());
    }

    void keysThatDoNotWorkAreNotKept()
    {
        const CliResult r = login("not-the-secret");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("403"), r.err.constData());
        QCOMPARE(list().exitCode, 1);
    }

    void savedKeysAreUsed()
    {
        const CliResult r = login(m_secret);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("desktop keyring"));
        QVERIFY2(cli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("keyed")}).exitCode == 0, "create with saved keys");
        QVERIFY(list().out.contains("keyed"));
    }

    void environmentComesFirst()
    {
        qputenv("AWS_ACCESS_KEY_ID", m_keyId);
        qputenv("AWS_SECRET_ACCESS_KEY", "wrong-secret-from-the-environment");
        const CliResult r = list();
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("AWS_ACCESS_KEY_ID"), r.err.constData()); // names where the keys came from
        QCOMPARE(list().exitCode, 0);
    }

    void secretIsInNoFileAndNoOutput()
    {
        QVERIFY(!m_everythingPrinted.contains(m_secret));
        int files = 0;
        for (const QString &root : {QDir::homePath(), m_sandbox->path()}) {
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                ++files;
                QVERIFY2(!readFile(path).contains(m_secret), qPrintable(path));
            }
        }
        QVERIFY(files > 0); // the keyring's own file is among them, encrypted
    }

    void logoutRemovesTheKeys()
    {
        CliResult r = cli({QStringLiteral("logout")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("removed"));
        QCOMPARE(list().exitCode, 1);
        r = cli({QStringLiteral("logout")});
        QVERIFY(r.out.startsWith("no keys were saved"));
    }

    void loginIsForS3Stores()
    {
        const CliResult r = cli({QStringLiteral("--store"), m_sandbox->path(QStringLiteral("local")), QStringLiteral("login")}, "a\nb\n");
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("S3"));
    }
};

QTEST_GUILESS_MAIN(KeyringTest)
#include "tst_keyring.moc"
