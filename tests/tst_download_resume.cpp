// An interrupted download run again resumes from its part: the chunks there that still match
// their hashes are kept (read back locally), only the rest is fetched, the result is exact,
// and a part of other content is never taken for the file.
#include "DownloadParts.h"
#include "FaultProxy.h"
#include "Pack.h"
#include "Repository.h"
#include "Store.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace testing;

namespace {

const QString VolumeName = QStringLiteral("v");

// "resumed: X of Y bytes": what the rerun found on disk, from its message; -1 when none.
qint64 bytesReused(const QByteArray &err)
{
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("resumed: (\\d+) of \\d+ bytes")).match(QString::fromUtf8(err));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

} // namespace

class DownloadResumeTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;

    CliResult get(const QString &remote, const QString &local)
    {
        return runCli({QStringLiteral("volume"), QStringLiteral("get"), VolumeName, remote, local});
    }
    void put(const QByteArray &content, const QString &remote)
    {
        const QString local = m_sandbox->path(QStringLiteral("upload.bin"));
        writeFile(local, content);
        const CliResult r = runCli({QStringLiteral("volume"), QStringLiteral("put"), VolumeName, local, remote, QStringLiteral("-f")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    QList<trove::Ref> chunksOf(const QString &remote)
    {
        auto repo = m_sandbox->repository();
        const auto entry = trove::Volume::fromName(VolumeName, {}, repo).stat(remote);
        return entry ? repo->chunksOf(*entry) : QList<trove::Ref>();
    }
    // The part a download of `remote` to `local` writes: named after the file's content.
    QString partOf(const QString &remote, const QString &local) { return trove::parts::path(local, trove::parts::contentId(chunksOf(remote))); }
    QStringList partsIn(const QString &dir)
    {
        return QDir(dir).entryList({QStringLiteral("*.trove-part-*")}, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<Sandbox>();
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("create"), VolumeName}).exitCode, 0);
        QDir().mkpath(m_sandbox->path(QStringLiteral("out")));
    }
    void cleanup()
    {
        // The tests' S3 server keeps objects in RAM: the big ones go at once.
        runCli({QStringLiteral("volume"), QStringLiteral("delete"), VolumeName, QStringLiteral("-y")});
        runCli({QStringLiteral("gc"), QStringLiteral("--grace"), QStringLiteral("0s")});
        m_sandbox.reset();
    }

    // A part holding the first half of the file, one byte of it flipped: the rerun keeps the
    // chunks that match, fetches the flipped one and the second half, and the file is exact.
    void partIsVerifiedAndCompleted()
    {
        constexpr qint64 Size = 32ll << 20;
        const QByteArray content = randomBytes(Size, 11);
        put(content, QStringLiteral("big.bin"));
        const QString local = m_sandbox->path(QStringLiteral("out/big.bin"));
        const QList<trove::Ref> chunks = chunksOf(QStringLiteral("big.bin"));
        QVERIFY(chunks.size() > 4);

        QByteArray part(Size, '\0');
        qint64 offset = 0, expectedReuse = 0, flipped = -1;
        for (int i = 0; i < chunks.size() && offset + chunks[i].length <= Size / 2; offset += chunks[i++].length) {
            part.replace(offset, chunks[i].length, content.mid(offset, chunks[i].length));
            if (i == 1) {
                flipped = offset + chunks[i].length / 2;
                part[flipped] = char(part[flipped] ^ 0x5a);
            } else {
                expectedReuse += chunks[i].length;
            }
        }
        QVERIFY(flipped > 0);
        writeFile(partOf(QStringLiteral("big.bin"), local), part);

        const CliResult r = get(QStringLiteral("big.bin"), local);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(bytesReused(r.err), expectedReuse);
        QVERIFY(readFile(local) == content);
        QCOMPARE(partsIn(m_sandbox->path(QStringLiteral("out"))), QStringList());
    }

    // A damaged pack, a byte flipped or its end cut off, is reported and nothing is written
    // under the file's name nor kept as a part.
    void damagedPackIsReportedAndNothingWritten()
    {
        const QByteArray content = randomBytes(8 << 20, 14);
        put(content, QStringLiteral("d.bin"));
        auto repo = m_sandbox->repository();
        const QString key = trove::pack::keyOf(chunksOf(QStringLiteral("d.bin")).first().pack);
        const QByteArray pack = repo->store().get(key);
        const QString local = m_sandbox->path(QStringLiteral("out/d.bin"));
        QByteArray flipped = pack;
        flipped[pack.size() / 2] = char(flipped[pack.size() / 2] ^ 0x5a);
        for (const auto &[damaged, message] : {std::pair(flipped, "does not match its hash"), std::pair(pack.left(pack.size() / 2), "truncated")}) {
            repo->store().put(key, damaged);
            const CliResult r = get(QStringLiteral("d.bin"), local);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(message), r.err.constData());
            QVERIFY(!QFile::exists(local));
            QCOMPARE(partsIn(m_sandbox->path(QStringLiteral("out"))), QStringList());
        }
        repo->store().put(key, pack);
        QCOMPARE(get(QStringLiteral("d.bin"), local).exitCode, 0);
        QVERIFY(readFile(local) == content);
    }

    // A part of another version of the file (its content differs) is removed, never used.
    void partOfAnotherVersionIsRemoved()
    {
        const QByteArray older = randomBytes(16 << 20, 12), newer = randomBytes(16 << 20, 13);
        put(older, QStringLiteral("f.bin"));
        const QString local = m_sandbox->path(QStringLiteral("out/f.bin"));
        const QString olderPart = partOf(QStringLiteral("f.bin"), local);
        writeFile(olderPart, older.left(8 << 20));
        put(newer, QStringLiteral("f.bin"));
        QVERIFY(partOf(QStringLiteral("f.bin"), local) != olderPart);

        const CliResult r = get(QStringLiteral("f.bin"), local);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(bytesReused(r.err), -1);
        QVERIFY(readFile(local) == newer);
        QVERIFY(!QFile::exists(olderPart));
        QCOMPARE(partsIn(m_sandbox->path(QStringLiteral("out"))), QStringList());
    }

    // trove-cli killed (SIGKILL) in the middle of a 200 MiB download from the real S3 server:
    // the rerun fetches only what the first run had not written, counted at a loopback
    // proxy, and the file is exact.
    void killedDownloadFetchesOnlyTheRest()
    {
        if (m_sandbox->isLocal())
            QSKIP("a local store's reads cannot be paced to kill the download midway; the S3 run covers it");
        constexpr qint64 Size = 200ll << 20;
        const QByteArray content = randomBytes(Size, 14);
        put(content, QStringLiteral("weights.bin"));
        const QString local = m_sandbox->path(QStringLiteral("out/weights.bin"));

        FaultProxy proxy(m_sandbox->storeUrl());
        const QStringList viaProxy{QStringLiteral("--store"), proxy.storeUrlThrough(m_sandbox->storeUrl())};

        std::unique_ptr<QProcess> first(startCli(viaProxy + QStringList{QStringLiteral("--limit-rate"), QStringLiteral("40M"), QStringLiteral("volume"),
                                                                        QStringLiteral("get"), VolumeName, QStringLiteral("weights.bin"), local}));
        QTRY_VERIFY_WITH_TIMEOUT(proxy.bodyBytesSent() >= Size / 2 || first->state() == QProcess::NotRunning, 30000);
        QVERIFY2(first->state() == QProcess::Running, "the download ended before it could be killed");
        first->kill();
        QVERIFY(first->waitForFinished(10000));
        QTest::qWait(500); // the proxy finds the client gone
        const qint64 fetchedFirst = proxy.bodyBytesSent();
        QVERIFY(!QFile::exists(local));
        QCOMPARE(partsIn(m_sandbox->path(QStringLiteral("out"))).size(), 1);

        const CliResult r = runCli(viaProxy + QStringList{QStringLiteral("volume"), QStringLiteral("get"), VolumeName, QStringLiteral("weights.bin"), local});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const qint64 fetchedRerun = proxy.bodyBytesSent() - fetchedFirst;
        const qint64 reused = bytesReused(r.err);
        qInfo("200 MiB download killed after %lld bytes fetched; the rerun found %lld on disk and fetched %lld", fetchedFirst, reused, fetchedRerun);
        // Lost at the kill: at most the ranges in flight (4 of 12.5 MiB); refetched: the
        // chunks the first run had not written, plus gaps under 1 MiB between them, plus the
        // volume's small objects.
        QVERIFY2(reused >= fetchedFirst - (56ll << 20), qPrintable(QString::number(reused)));
        QVERIFY2(fetchedRerun <= Size - reused + (4ll << 20), qPrintable(QString::number(fetchedRerun)));
        QVERIFY(readFile(local) == content);
        QCOMPARE(partsIn(m_sandbox->path(QStringLiteral("out"))), QStringList());
    }
};

QTEST_GUILESS_MAIN(DownloadResumeTest)
#include "tst_download_resume.moc"
