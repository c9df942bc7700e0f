// Many writer processes on one volume, on the local store or through S3 gateways: no change
// is lost, versions stay contiguous, a contested path holds one writer's whole content, and
// of many creators of one name exactly one wins.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>
#include <QtTest>

using namespace testing;

class RaceTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;

    // Store URLs the writers use in turn: the sandbox's, and the same prefix through the
    // second gateway of the cluster when there is one (TROVE_TEST_SECOND_ENDPOINT).
    QStringList storeUrls() const
    {
        QStringList urls{m_sandbox->storeUrl()};
        const QString second = qEnvironmentVariable("TROVE_TEST_SECOND_ENDPOINT");
        if (!second.isEmpty()) {
            QUrl url(m_sandbox->storeUrl());
            url.setQuery(QStringLiteral("endpoint=") + second);
            urls.append(url.toString());
        }
        return urls;
    }

private slots:
    void init() { m_sandbox = std::make_unique<Sandbox>(); }

    void manyWritersLoseNothing()
    {
        const int writers = qEnvironmentVariableIntValue("TROVE_TEST_WRITERS") > 0 ? qEnvironmentVariableIntValue("TROVE_TEST_WRITERS") : 8;
        const QStringList urls = storeUrls();
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("race")}).exitCode, 0);
        QList<QByteArray> shared;
        for (int i = 0; i < writers; ++i) {
            const QString dir = m_sandbox->path(QStringLiteral("w%1").arg(i));
            writeFile(dir + QStringLiteral("/unique-%1.bin").arg(i), randomBytes(256 * 1024 + i, i));
            shared.append(randomBytes(1024 * 1024 + 7 * i, 1000 + i));
            writeFile(dir + QStringLiteral("/shared.bin"), shared.last());
        }
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < writers; ++i)
            processes.emplace_back(startCli({QStringLiteral("--store"), urls[i % urls.size()], QStringLiteral("volume"), QStringLiteral("put"),
                                             QStringLiteral("race"), m_sandbox->path(QStringLiteral("w%1").arg(i)), QStringLiteral("/all"),
                                             QStringLiteral("-f")}));
        for (auto &p : processes) {
            QVERIFY(p->waitForFinished(600000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        }
        // One version per writer, numbered without gaps.
        QList<qint64> numbers;
        for (const QJsonValue &v : QJsonDocument::fromJson(runCli({QStringLiteral("volume"), QStringLiteral("history"), QStringLiteral("race"), QStringLiteral("--json")}).out).array())
            numbers.append(v.toObject().value(QStringLiteral("version")).toInteger());
        QList<qint64> expected(writers + 1);
        std::iota(expected.begin(), expected.end(), 1);
        QCOMPARE(numbers, expected);
        const QJsonArray files = QJsonDocument::fromJson(runCli({QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("race"), QStringLiteral("all"), QStringLiteral("--json")}).out).array();
        QCOMPARE(files.size(), writers + 1);
        for (int i = 0; i < writers; i += qMax(1, writers / 8)) {
            const CliResult r = runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("race"), QStringLiteral("all/unique-%1.bin").arg(i), QStringLiteral("-")});
            QCOMPARE(r.out, randomBytes(256 * 1024 + i, i));
        }
        // The contested path holds one writer's whole content.
        const QByteArray winner = runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("race"), QStringLiteral("all/shared.bin"), QStringLiteral("-")}).out;
        QVERIFY(shared.contains(winner));
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--read-data")}).exitCode, 0);
    }

    void manyCreatorsOneWinner()
    {
        const QStringList urls = storeUrls();
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < 12; ++i)
            processes.emplace_back(startCli({QStringLiteral("--store"), urls[i % urls.size()], QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("contested")}));
        int winners = 0;
        for (auto &p : processes) {
            QVERIFY(p->waitForFinished(120000));
            winners += p->exitCode() == 0 ? 1 : 0;
            const QByteArray err = p->readAllStandardError();
            if (p->exitCode() != 0)
                QVERIFY2(err.contains("already exists"), err.constData()); // a loser says the name is taken
        }
        QCOMPARE(winners, 1);
        QCOMPARE(QJsonDocument::fromJson(runCli({QStringLiteral("volume"), QStringLiteral("list"), QStringLiteral("--json")}).out).array().size(), 1);
    }
};

QTEST_GUILESS_MAIN(RaceTest)
#include "tst_race.moc"
