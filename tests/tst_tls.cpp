// HTTPS against the real server: its certificate is signed by a private CA, which the store
// trusts only when the URL names it with ca-file=. There is no way to turn verification off.
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace testing;

class TlsTest : public QObject
{
    Q_OBJECT

    QString m_endpoint, m_caFile, m_prefix;
    std::unique_ptr<Sandbox> m_sandbox;

    QString storeUrl(const QString &options) const
    {
        return QStringLiteral("s3://trove-test/%1?endpoint=%2%3").arg(m_prefix, m_endpoint, options);
    }
    CliResult cli(const QString &options, QStringList args)
    {
        return runCli(QStringList{QStringLiteral("--store"), storeUrl(options)} + args);
    }

private slots:
    void initTestCase()
    {
        m_endpoint = qEnvironmentVariable("TROVE_TEST_S3_TLS");
        m_caFile = qEnvironmentVariable("TROVE_TEST_S3_CA");
        if (m_endpoint.isEmpty() || m_caFile.isEmpty())
            QSKIP("needs TROVE_TEST_S3_TLS and TROVE_TEST_S3_CA (the RGW fixture sets them)");
        m_prefix = QStringLiteral("tls-%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
        m_sandbox = std::make_unique<Sandbox>();
    }

    void caFileMakesHttpsWork()
    {
        const QString ca = QStringLiteral("&ca-file=") + m_caFile;
        CliResult r = cli(ca, {QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("secure")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray data = randomBytes(3 * 1024 * 1024 + 17, 5);
        const QString local = m_sandbox->path(QStringLiteral("data.bin"));
        writeFile(local, data);
        r = cli(ca, {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("secure"), local, QStringLiteral("data.bin")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli(ca, {QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("secure"), QStringLiteral("data.bin"), QStringLiteral("-")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out == data);
    }

    void unknownCaIsRefusedWithAHint()
    {
        const CliResult r = cli({}, {QStringLiteral("volume"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("certificate") && r.err.contains("ca-file=PATH"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void noOptionTurnsVerificationOff()
    {
        for (const QString &option : {QStringLiteral("&insecure=1"), QStringLiteral("&verify=false"), QStringLiteral("&ca_file=") + m_caFile}) {
            const CliResult r = cli(option, {QStringLiteral("volume"), QStringLiteral("list")});
            QVERIFY2(r.exitCode != 0, qPrintable(option));
            QVERIFY2(r.err.contains("unknown option"), r.err.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TlsTest)
#include "tst_tls.moc"
