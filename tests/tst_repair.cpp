// Damaged records do not brick a volume: a bad head hint, a truncated version record, an
// empty name entry and a missing pack, each written into the store as damage would leave
// them. Readers fall back and say so, writers go on, `check` reports everything and goes on,
// `check --repair` rebuilds what the immutable objects determine.
#include "Registry.h"
#include "Repository.h"
#include "Store.h"
#include "TestSupport.h"
#include "VersionLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace testing;

namespace {
QString arg(const char *text) { return QString::fromLatin1(text); }
} // namespace

class RepairTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;

    trove::Store &store() { return m_sandbox->repository()->store(); }
    QString idOf(const QString &volume) { return m_sandbox->repository()->registry().get(volume).id; }

    // A volume with files a (version 2) and b (version 3).
    void makeVolume(const QString &name)
    {
        QCOMPARE(runCli({arg("volume"), arg("create"), name}).exitCode, 0);
        for (const char *file : {"a", "b"}) {
            const QString local = m_sandbox->path(name + QLatin1Char('-') + QLatin1String(file));
            writeFile(local, randomBytes(1000, file[0]));
            QCOMPARE(runCli({arg("volume"), arg("put"), name, local, QLatin1Char('/') + QLatin1String(file)}).exitCode, 0);
        }
    }

    QStringList listing(const QString &volume)
    {
        QStringList paths;
        for (const QJsonValue &v : QJsonDocument::fromJson(runCli({arg("volume"), arg("ls"), volume, arg("--json")}).out).array())
            paths.append(v.toObject().value(arg("path")).toString());
        return paths;
    }

private slots:
    void init() { m_sandbox = std::make_unique<Sandbox>(); }

    void badHeadHintIsIgnored()
    {
        makeVolume(arg("v"));
        store().put(trove::keys::volumePrefix(idOf(arg("v"))) + arg("head"), QByteArray("999"));
        QCOMPARE(listing(arg("v")), (QStringList{arg("a"), arg("b")}));
        const QString local = m_sandbox->path(arg("c"));
        writeFile(local, "c");
        QCOMPARE(runCli({arg("volume"), arg("put"), arg("v"), local, arg("/c")}).exitCode, 0);
        QCOMPARE(trove::VersionLog(store(), idOf(arg("v"))).head(), 4);
        const CliResult repair = runCli({arg("check"), arg("--repair")});
        QCOMPARE(repair.exitCode, 0);
    }

    void truncatedRecordFallsBackAndSaysSo()
    {
        makeVolume(arg("v"));
        trove::VersionLog log(store(), idOf(arg("v")));
        store().put(log.keyOf(3), QByteArray("{\"format\": 1, \"vers"));
        const CliResult ls = runCli({arg("volume"), arg("ls"), arg("v")});
        QCOMPARE(ls.exitCode, 0);
        QVERIFY2(ls.err.contains("version 3 is damaged"), ls.err.constData());
        QVERIFY(ls.out.contains(" a\n") && !ls.out.contains(" b\n")); // version 2, the newest readable
        QCOMPARE(runCli({arg("volume"), arg("get"), arg("v"), arg("/a"), arg("-")}).out, randomBytes(1000, 'a'));
        const CliResult history = runCli({arg("volume"), arg("history"), arg("v")});
        QCOMPARE(history.exitCode, 0);
        QVERIFY2(history.out.contains("damaged record"), history.out.constData());
        // A writer builds on the newest readable version, numbered after the damaged one.
        const QString local = m_sandbox->path(arg("c"));
        writeFile(local, "c");
        const CliResult put = runCli({arg("volume"), arg("put"), arg("v"), local, arg("/c")});
        QVERIFY2(put.exitCode == 0, put.err.constData());
        QCOMPARE(log.head(), 4);
        QCOMPARE(listing(arg("v")), (QStringList{arg("a"), arg("c")}));
        const CliResult check = runCli({arg("check")});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.contains("'v' version 3"), check.out.constData());
    }

    void emptyNameEntryDoesNotStopTheCheck()
    {
        makeVolume(arg("v"));
        makeVolume(arg("w"));
        const QString wId = idOf(arg("w"));
        store().put(arg("names/w"), QByteArray());
        const QJsonObject list = QJsonDocument::fromJson(runCli({arg("volume"), arg("list"), arg("--json")}).out).array().first().toObject();
        QCOMPARE(list.value(arg("name")).toString(), arg("v"));
        const CliResult check = runCli({arg("check")});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.contains("names/w"), check.out.constData());
        QVERIFY2(check.out.contains("checked 2 volumes"), check.out.constData());

        const CliResult repair = runCli({arg("check"), arg("--repair")});
        QVERIFY2(repair.exitCode == 0, repair.out.constData());
        QVERIFY2(repair.out.contains("repaired: names/w"), repair.out.constData());
        QCOMPARE(idOf(arg("w")), wId);
        QCOMPARE(listing(arg("w")), (QStringList{arg("a"), arg("b")}));
    }

    void missingPackNamesTheFiles()
    {
        makeVolume(arg("v"));
        // The data pack of /b (version 3's only new data).
        trove::Repository &repo = *m_sandbox->repository();
        const auto b = repo.lookup(trove::VersionLog(store(), idOf(arg("v"))).read(3).root, arg("b"));
        QVERIFY(b);
        store().remove(QStringLiteral("packs/%1/%2").arg(b->chunks.first().pack.hex().left(2), b->chunks.first().pack.hex()));
        const CliResult check = runCli({arg("check")});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.contains("'v' version 3: /b"), check.out.constData());
        const CliResult get = runCli({arg("volume"), arg("get"), arg("v"), arg("/b"), m_sandbox->path(arg("out-b"))});
        QCOMPARE(get.exitCode, 1);
        QVERIFY2(get.err.contains("'/b' cannot be read") || get.err.contains("'b' cannot be read"), get.err.constData());
        QVERIFY(!QFile::exists(m_sandbox->path(arg("out-b"))));
    }
};

QTEST_GUILESS_MAIN(RepairTest)
#include "tst_repair.moc"
