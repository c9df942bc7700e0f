// S3 credentials are found as the AWS SDKs find them, and a secret never shows up in any
// output, log or file Trove writes.
#include "AwsCredentials.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QtTest>

using namespace trove;

class CredentialsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;

    void clearAwsEnvironment()
    {
        for (const char *v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION",
                              "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"})
            qunsetenv(v);
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        clearAwsEnvironment();
        qputenv("HOME", m_sandbox->path(QStringLiteral("home")).toUtf8());
        testing::writeFile(m_sandbox->path(QStringLiteral("home/.aws/credentials")),
                           "[default]\naws_access_key_id = FILEDEFAULT\naws_secret_access_key = file-default-secret\n\n"
                           "[dev]\naws_access_key_id = FILEDEV\naws_secret_access_key = file-dev-secret\naws_session_token = dev-token\n");
        testing::writeFile(m_sandbox->path(QStringLiteral("home/.aws/config")),
                           "[default]\nregion = eu-west-1\n\n[profile dev]\nregion = ap-south-1\nendpoint_url = http://127.0.0.1:9000\n\n"
                           "[profile cfgonly]\naws_access_key_id = CFGONLY\naws_secret_access_key = cfg-secret\n");
    }

    void environmentComesFirst()
    {
        qputenv("AWS_ACCESS_KEY_ID", "ENVKEY");
        qputenv("AWS_SECRET_ACCESS_KEY", "env-secret");
        qputenv("AWS_SESSION_TOKEN", "env-token");
        qputenv("AWS_PROFILE", "dev");
        const AwsCredentials c = AwsCredentials::resolve();
        QCOMPARE(c.accessKeyId, QStringLiteral("ENVKEY"));
        QCOMPARE(c.sessionToken, QStringLiteral("env-token"));
        QCOMPARE(c.region, QStringLiteral("ap-south-1")); // region still from the profile
        QVERIFY(c.source.contains(QStringLiteral("environment")));
        QVERIFY(!c.source.contains(QStringLiteral("env-secret")));
    }

    void thenTheProfileInTheCredentialsFile()
    {
        QCOMPARE(AwsCredentials::resolve().accessKeyId, QStringLiteral("FILEDEFAULT"));
        QCOMPARE(AwsCredentials::resolve().region, QStringLiteral("eu-west-1"));
        qputenv("AWS_PROFILE", "dev");
        const AwsCredentials dev = AwsCredentials::resolve();
        QCOMPARE(dev.accessKeyId, QStringLiteral("FILEDEV"));
        QCOMPARE(dev.secretAccessKey, QStringLiteral("file-dev-secret"));
        QCOMPARE(dev.sessionToken, QStringLiteral("dev-token"));
        QCOMPARE(dev.endpointUrl, QStringLiteral("http://127.0.0.1:9000"));
        // An explicit profile beats AWS_PROFILE.
        QCOMPARE(AwsCredentials::resolve(QStringLiteral("default")).accessKeyId, QStringLiteral("FILEDEFAULT"));
    }

    void thenTheConfigFileAndEnvironmentOverrides()
    {
        QCOMPARE(AwsCredentials::resolve(QStringLiteral("cfgonly")).accessKeyId, QStringLiteral("CFGONLY"));
        qputenv("AWS_REGION", "us-west-2");
        qputenv("AWS_DEFAULT_REGION", "ignored-1");
        qputenv("AWS_ENDPOINT_URL", "http://fallback:1");
        qputenv("AWS_ENDPOINT_URL_S3", "http://s3-specific:2");
        const AwsCredentials c = AwsCredentials::resolve(QStringLiteral("dev"));
        QCOMPARE(c.region, QStringLiteral("us-west-2"));
        QCOMPARE(c.endpointUrl, QStringLiteral("http://s3-specific:2"));
        qunsetenv("AWS_REGION");
        QCOMPARE(AwsCredentials::resolve(QStringLiteral("dev")).region, QStringLiteral("ignored-1"));
    }

    void otherFileLocations()
    {
        testing::writeFile(m_sandbox->path(QStringLiteral("elsewhere/creds")), "[default]\naws_access_key_id = MOVED\naws_secret_access_key = moved-secret\n");
        testing::writeFile(m_sandbox->path(QStringLiteral("elsewhere/conf")), "[default]\nregion = sa-east-1\n");
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_sandbox->path(QStringLiteral("elsewhere/creds")).toUtf8());
        qputenv("AWS_CONFIG_FILE", m_sandbox->path(QStringLiteral("elsewhere/conf")).toUtf8());
        QCOMPARE(AwsCredentials::resolve().accessKeyId, QStringLiteral("MOVED"));
        QCOMPARE(AwsCredentials::resolve().region, QStringLiteral("sa-east-1"));
    }

    void noCredentialsIsAClearError()
    {
        qputenv("HOME", m_sandbox->path(QStringLiteral("empty-home")).toUtf8());
        const testing::CliResult r = testing::runCli({QStringLiteral("--store"), QStringLiteral("s3://bucket?endpoint=http://127.0.0.1:1"),
                                                      QStringLiteral("volume"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("AWS_ACCESS_KEY_ID"), r.err.constData());
    }

    // A planted secret: every output of every command, and every file Trove wrote, is
    // searched for it, on success and on failure (wrong secret, unreachable endpoint).
    void secretNeverAppearsAnywhere()
    {
        const QString store = qEnvironmentVariable("TROVE_TEST_STORE");
        if (store.isEmpty())
            QSKIP("needs the S3 server (the _s3 run of this suite)");
        const QByteArray secret = "trove-test-secret-key";
        qputenv("AWS_ACCESS_KEY_ID", "TROVETESTKEY");
        qputenv("AWS_SECRET_ACCESS_KEY", secret);
        testing::writeFile(m_sandbox->path(QStringLiteral("f.txt")), "data");
        QByteArray everything;
        auto run = [&](const QStringList &args) {
            const testing::CliResult r = testing::runCli(args);
            everything += r.out + r.err;
            return r.exitCode;
        };
        QCOMPARE(run({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("s")}), 0);
        QCOMPARE(run({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("s"), m_sandbox->path(QStringLiteral("f.txt"))}), 0);
        QCOMPARE(run({QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("s"), QStringLiteral("--json")}), 0);
        QCOMPARE(run({QStringLiteral("volume"), QStringLiteral("history"), QStringLiteral("s")}), 0);
        QCOMPARE(run({QStringLiteral("check"), QStringLiteral("--read-data")}), 0);
        QCOMPARE(run({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("s"), QStringLiteral("missing")}), 1);
        QCOMPARE(run({QStringLiteral("--store"), QStringLiteral("s3://trove-test?endpoint=http://127.0.0.1:1"), QStringLiteral("volume"), QStringLiteral("list")}), 1);
        qputenv("AWS_SECRET_ACCESS_KEY", secret + "-wrong");
        QCOMPARE(run({QStringLiteral("volume"), QStringLiteral("list")}), 1);
        QVERIFY2(everything.contains("access denied"), everything.constData());
        QVERIFY2(!everything.contains("trove-test-secret"), everything.constData());
        QDirIterator files(m_sandbox->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString f = files.next();
            if (f.contains(QStringLiteral("/.aws/")))
                continue;
            QVERIFY2(!testing::readFile(f).contains("trove-test-secret"), qPrintable(f));
        }
    }
};

QTEST_GUILESS_MAIN(CredentialsTest)
#include "tst_credentials.moc"
