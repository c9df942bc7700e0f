// The seed's limits of v1 and v2 volumes, with errors that name the path and the limit.
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QFile>
#include <QtTest>

using namespace trove;

class LimitsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;

    static QString errorOf(const std::function<void()> &f, Error::Kind expected)
    {
        try {
            f();
        } catch (const Error &e) {
            if (e.kind() != expected)
                return QStringLiteral("wrong kind: ") + e.message();
            return e.message();
        }
        return QStringLiteral("no error");
    }

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_repo = m_sandbox->repository();
    }

    void v2DirectoryHoldsAtMost32768Entries()
    {
        Volume v = Volume::fromName(QStringLiteral("wide"), {true, 2, std::nullopt}, m_repo);
        for (int i = 0; i < 32768; ++i)
            v.putData(QByteArray::number(i), QStringLiteral("flat/f%1").arg(i));
        v.commit();
        QCOMPARE(v.stat(QStringLiteral("flat"))->fileCount, 32768);
        v.putData("one more", QStringLiteral("flat/straw"));
        const QString message = errorOf([&] { v.commit(); }, Error::Kind::Limit);
        QVERIFY2(message.contains(QStringLiteral("flat/straw")) && message.contains(QStringLiteral("32768")), qPrintable(message));
        // Replacing an existing entry is not a new entry.
        Volume again = Volume::fromName(QStringLiteral("wide"), {}, m_repo);
        again.putData("replaced", QStringLiteral("flat/f7"));
        again.commit();
    }

    void v2FileOfMoreThanOneTebibyteIsRefused()
    {
        Volume v = Volume::fromName(QStringLiteral("huge"), {true, 2, std::nullopt}, m_repo);
        const QString sparse = m_sandbox->path(QStringLiteral("sparse.bin"));
        QFile f(sparse);
        QVERIFY(f.open(QIODevice::WriteOnly));
        if (!f.resize((qint64(1) << 40) + 1))
            QSKIP("this file system cannot hold a sparse file over 1 TiB");
        f.close();
        v.putFile(sparse, QStringLiteral("too-big.bin"));
        const QString message = errorOf([&] { v.commit(); }, Error::Kind::Limit);
        QVERIFY2(message.contains(QStringLiteral("1 TiB")) && message.contains(QStringLiteral("sparse.bin")), qPrintable(message));
        QFile::remove(sparse);
    }

    void v1FileCountLimitsAndWarnings()
    {
        // 500,000 files without writing them: one directory of 1,000, copied (metadata only).
        Volume big = Volume::fromName(QStringLiteral("many"), {true, 2, std::nullopt}, m_repo);
        for (int i = 0; i < 1000; ++i)
            big.putData(QByteArray::number(i), QStringLiteral("base/f%1").arg(i));
        big.commit();
        for (int c = 1; c <= 50; ++c)
            big.copy({QStringLiteral("base")}, QStringLiteral("c%1").arg(c), true);
        big.commit();
        const qint64 at51k = big.version();
        for (int c = 51; c <= 499; ++c)
            big.copy({QStringLiteral("base")}, QStringLiteral("c%1").arg(c), true);
        big.commit();
        const qint64 at500k = big.version();

        Volume::fork(QStringLiteral("many"), QStringLiteral("v1-warn"), at51k, 1, m_repo);
        Volume warn = Volume::fromName(QStringLiteral("v1-warn"), {}, m_repo);
        warn.putData("x", QStringLiteral("extra.txt"));
        const JobResult result = warn.commit();
        QVERIFY2(result.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("50,000")), qPrintable(result.warnings.join(QLatin1Char(' '))));

        Volume::fork(QStringLiteral("many"), QStringLiteral("v1-full"), at500k, 1, m_repo);
        Volume full = Volume::fromName(QStringLiteral("v1-full"), {}, m_repo);
        full.putData("x", QStringLiteral("one-too-many.txt"));
        const QString message = errorOf([&] { full.commit(); }, Error::Kind::Limit);
        QVERIFY2(message.contains(QStringLiteral("500,000")) && message.contains(QStringLiteral("500001")), qPrintable(message));

        big.putData("x", QStringLiteral("extra.txt"));
        big.commit();
        const QString forkMessage = errorOf([&] { Volume::fork(QStringLiteral("many"), QStringLiteral("v1-over"), 0, 1, m_repo); }, Error::Kind::Limit);
        QVERIFY2(forkMessage.contains(QStringLiteral("500,000")), qPrintable(forkMessage));
    }

    void v1RefusesRecursiveCopy()
    {
        Volume v = Volume::fromName(QStringLiteral("legacy"), {true, 1, std::nullopt}, m_repo);
        v.putData("a", QStringLiteral("dir/a.txt"));
        v.commit();
        const QString message = errorOf([&] { v.copy({QStringLiteral("dir")}, QStringLiteral("dir2"), true); }, Error::Kind::Limit);
        QVERIFY2(message.contains(QStringLiteral("v1")) && message.contains(QStringLiteral("dir")), qPrintable(message));
        v.copy({QStringLiteral("dir/a.txt")}, QStringLiteral("b.txt"));
        v.commit();
    }

    void v1WarnsPastFiveConcurrentWriters()
    {
        QVERIFY(testing::runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("crowded"), QStringLiteral("--version"), QStringLiteral("1")}).exitCode == 0);
        const QString local = m_sandbox->path(QStringLiteral("w.txt"));
        testing::writeFile(local, "w");
        QByteArray lastErr;
        for (int i = 0; i < 6; ++i) {
            const testing::CliResult r = testing::runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("crowded"), local,
                                                          QStringLiteral("w%1.txt").arg(i)});
            QCOMPARE(r.exitCode, 0);
            if (i < 4)
                QVERIFY2(!r.err.contains("writers"), r.err.constData());
            lastErr = r.err;
        }
        QVERIFY2(lastErr.contains("5 concurrent writers"), lastErr.constData());
    }
};

QTEST_GUILESS_MAIN(LimitsTest)
#include "tst_limits.moc"
