// trove-cli end to end: real processes on a temporary store, as a script would use it.
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using testing::runCli;

namespace {

QStringList args(const QString &line) { return line.split(QLatin1Char(' '), Qt::SkipEmptyParts); }

testing::CliResult ok(const QStringList &arguments)
{
    const testing::CliResult r = runCli(arguments);
    if (r.exitCode != 0)
        qWarning("trove-cli %s -> %d: %s", qPrintable(arguments.join(QLatin1Char(' '))), r.exitCode, r.err.constData());
    return r;
}

QJsonArray json(const QStringList &arguments)
{
    const testing::CliResult r = ok(arguments);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", r.out.constData());
    return doc.array();
}

QStringList paths(const QJsonArray &entries)
{
    QStringList out;
    for (const QJsonValue &v : entries)
        out.append(v.toObject().value(QStringLiteral("path")).toString());
    return out;
}

qint64 headOf(const QString &volume)
{
    const QJsonArray history = json({QStringLiteral("volume"), QStringLiteral("history"), volume, QStringLiteral("--json")});
    return history.isEmpty() ? 0 : history.last().toObject().value(QStringLiteral("version")).toInteger();
}

} // namespace

class CliTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    QString local(const QString &relative) const { return m_sandbox->path(QStringLiteral("local/") + relative); }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        QDir::setCurrent(m_sandbox->path());
    }

    void versionAndHelpOnEveryLevel()
    {
        const auto version = ok({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("trove-cli "));
        for (const QString &line : {QStringLiteral("--help"), QStringLiteral("volume --help"), QStringLiteral("volume put --help"),
                                    QStringLiteral("volume ls --help"), QStringLiteral("gc --help"), QStringLiteral("check --help"),
                                    QStringLiteral("volume history --help")}) {
            const auto r = ok(args(line));
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("Usage") || r.out.contains("Commands"), r.out.constData());
        }
        QVERIFY(ok(args(QStringLiteral("volume put --help"))).out.contains("--force"));
        QVERIFY(ok(args(QStringLiteral("volume put --help"))).out.contains("NAME LOCAL_PATH [REMOTE_PATH]"));
    }

    void usageErrorsExitTwoWithAOneLineMessage()
    {
        for (const QString &line : {QString(), QStringLiteral("frobnicate"), QStringLiteral("volume"), QStringLiteral("volume frobnicate"),
                                    QStringLiteral("volume create"), QStringLiteral("volume create a b"),
                                    QStringLiteral("volume ls vol --bogus"), QStringLiteral("volume create v --version 3"),
                                    QStringLiteral("volume ls vol --at-version x"), QStringLiteral("gc --grace soon"),
                                    QStringLiteral("volume restore vol path")}) {
            const auto r = runCli(args(line));
            QVERIFY2(r.exitCode == 2, qPrintable(line + QStringLiteral(" -> ") + QString::number(r.exitCode)));
            QVERIFY2(r.err.startsWith("trove-cli: "), r.err.constData());
        }
    }

    void errorsExitOneNamingWhatAndWhatToDo()
    {
        QDir().mkpath(m_sandbox->storePath()); // an empty store (a missing one is an error of its own)
        const auto missing = runCli(args(QStringLiteral("volume ls ghost")));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("'ghost'"));
        QVERIFY(missing.err.contains("volume create ghost"));
        QCOMPARE(missing.err.count('\n'), 1);
        QVERIFY(ok(args(QStringLiteral("volume create v"))).exitCode == 0);
        const auto twice = runCli(args(QStringLiteral("volume create v")));
        QCOMPARE(twice.exitCode, 1);
        QVERIFY(twice.err.contains("already exists"));
        const auto badPath = runCli({QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("v"), QStringLiteral("../x")});
        QCOMPARE(badPath.exitCode, 1);
        QVERIFY(badPath.err.contains("'..' is not allowed"));
    }

    void createAndListJson()
    {
        QCOMPARE(ok(args(QStringLiteral("volume create one"))).exitCode, 0);
        QCOMPARE(ok(args(QStringLiteral("volume create old --version 1"))).exitCode, 0);
        const QJsonArray list = json(args(QStringLiteral("volume list --json")));
        QCOMPARE(list.size(), 2);
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &v : list)
            byName.insert(v.toObject().value(QStringLiteral("name")).toString(), v.toObject());
        QCOMPARE(byName[QStringLiteral("one")].value(QStringLiteral("format")).toInt(), 2);
        QCOMPARE(byName[QStringLiteral("old")].value(QStringLiteral("format")).toInt(), 1);
        QVERIFY(byName[QStringLiteral("one")].value(QStringLiteral("id")).toString().startsWith(QStringLiteral("vo-")));
        QVERIFY(QDateTime::fromString(byName[QStringLiteral("one")].value(QStringLiteral("created")).toString(), Qt::ISODate).isValid());
    }

    void putLsGetRoundTrip()
    {
        ok(args(QStringLiteral("volume create data")));
        testing::writeFile(local(QStringLiteral("model.bin")), testing::randomBytes(3 * 1024 * 1024, 1));
        testing::writeFile(local(QStringLiteral("ds/train/a.txt")), "a");
        testing::writeFile(local(QStringLiteral("ds/train/b.txt")), "bb");
        testing::writeFile(local(QStringLiteral("ds/test.txt")), "ccc");
        const qint64 v0 = headOf(QStringLiteral("data"));

        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("data"), local(QStringLiteral("model.bin"))}).exitCode, 0);
        QCOMPARE(headOf(QStringLiteral("data")), v0 + 1);
        const auto again = runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("data"), local(QStringLiteral("model.bin"))});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("--force"));
        QCOMPARE(headOf(QStringLiteral("data")), v0 + 1);
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("data"), local(QStringLiteral("model.bin")), QStringLiteral("-f")}).exitCode, 0);
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("data"), local(QStringLiteral("model.bin")), QStringLiteral("/weights/renamed.bin")}).exitCode, 0);
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("data"), local(QStringLiteral("ds")), QStringLiteral("/sets/")}).exitCode, 0);
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("data"), local(QStringLiteral("ds")), QStringLiteral("/flat")}).exitCode, 0);
        QCOMPARE(headOf(QStringLiteral("data")), v0 + 5);

        const QJsonArray root = json(args(QStringLiteral("volume ls data --json")));
        QCOMPARE(paths(root), (QStringList{QStringLiteral("flat"), QStringLiteral("model.bin"), QStringLiteral("sets"), QStringLiteral("weights")}));
        const QJsonObject model = root[1].toObject();
        QCOMPARE(model.value(QStringLiteral("type")).toString(), QStringLiteral("file"));
        QCOMPARE(model.value(QStringLiteral("size")).toInteger(), 3 * 1024 * 1024);
        QVERIFY(QDateTime::fromString(model.value(QStringLiteral("mtime")).toString(), Qt::ISODate).isValid());
        QCOMPARE(root[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("dir"));
        QCOMPARE(paths(json(args(QStringLiteral("volume ls data sets --json -r")))),
                 (QStringList{QStringLiteral("sets/ds"), QStringLiteral("sets/ds/test.txt"), QStringLiteral("sets/ds/train"),
                              QStringLiteral("sets/ds/train/a.txt"), QStringLiteral("sets/ds/train/b.txt")}));
        QCOMPARE(paths(json(args(QStringLiteral("volume ls data flat --json")))), (QStringList{QStringLiteral("flat/test.txt"), QStringLiteral("flat/train")}));
        QCOMPARE(paths(json({QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("data"), QStringLiteral("--json"),
                             QStringLiteral("--at-version"), QString::number(v0 + 1)})),
                 QStringList{QStringLiteral("model.bin")});

        // get: a file, a directory, to stdout; existing files need --force.
        const QString out = m_sandbox->path(QStringLiteral("out"));
        QDir().mkpath(out);
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("data"), QStringLiteral("weights/renamed.bin"), out}).exitCode, 0);
        QCOMPARE(testing::readFile(out + QStringLiteral("/renamed.bin")), testing::randomBytes(3 * 1024 * 1024, 1));
        const auto exists = runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("data"), QStringLiteral("weights/renamed.bin"), out});
        QCOMPARE(exists.exitCode, 1);
        QVERIFY(exists.err.contains("--force"));
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("data"), QStringLiteral("weights/renamed.bin"), out + QStringLiteral("/copy.bin")}).exitCode, 0);
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("data"), QStringLiteral("sets"), out + QStringLiteral("/sets")}).exitCode, 0);
        QCOMPARE(testing::readFile(out + QStringLiteral("/sets/ds/train/b.txt")), QByteArray("bb"));
        const auto stdoutGet = ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("data"), QStringLiteral("model.bin"), QStringLiteral("-")});
        QCOMPARE(stdoutGet.out, testing::randomBytes(3 * 1024 * 1024, 1));
        QVERIFY2(stdoutGet.err.isEmpty(), stdoutGet.err.constData()); // no progress when piped
        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("data"), QStringLiteral("model.bin")}).exitCode, 0);
        QVERIFY(QFile::exists(m_sandbox->path(QStringLiteral("model.bin"))));
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("data"), QStringLiteral("nothing.bin")}).exitCode, 1);
    }

    void getRestoresModesAndTimesAndReplacesOnlyWithForce()
    {
        ok(args(QStringLiteral("volume create m")));
        const QHash<QString, QFile::Permissions> modes{
            {QStringLiteral("run.sh"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther},
            {QStringLiteral("secret.txt"), QFile::ReadOwner | QFile::WriteOwner},
            {QStringLiteral("shared.txt"), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther},
            {QStringLiteral("weights/model.bin"), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther},
            {QStringLiteral("weights/run.bin"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup}};
        const QDateTime past = QDateTime::fromSecsSinceEpoch(1'600'000'000);
        // Files of one chunk and of many, which are downloaded in pieces.
        auto contentOf = [](const QString &name) {
            return name.startsWith(QLatin1String("weights")) ? testing::randomBytes(24 << 20, 3) : name.toUtf8();
        };
        for (auto it = modes.begin(); it != modes.end(); ++it) {
            const QString path = local(QStringLiteral("src/") + it.key());
            testing::writeFile(path, contentOf(it.key()));
            QFile file(path);
            QVERIFY(file.setPermissions(it.value()));
            QVERIFY(file.open(QIODevice::ReadWrite) && file.setFileTime(past, QFileDevice::FileModificationTime));
        }
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("m"), local(QStringLiteral("src")), QStringLiteral("src")});
        const QString out = m_sandbox->path(QStringLiteral("restored"));
        ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("m"), QStringLiteral("src"), out});
        for (auto it = modes.begin(); it != modes.end(); ++it) {
            const QFileInfo info(out + QLatin1Char('/') + it.key());
            QCOMPARE(info.permissions() & 0x7077, it.value() & 0x7077); // owner, group, other
            QCOMPARE(info.lastModified().toSecsSinceEpoch(), past.toSecsSinceEpoch());
            QVERIFY(testing::readFile(info.filePath()) == contentOf(it.key()));
        }
        // The new directory was assembled under a hidden name beside it, now gone.
        QCOMPARE(QDir(m_sandbox->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).filter(QStringLiteral("trove-part")), QStringList());
        // Into an existing directory, file by file: the same modes and times.
        const QString merged = m_sandbox->path(QStringLiteral("merged"));
        QVERIFY(QDir().mkpath(merged + QStringLiteral("/src/weights")));
        ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("m"), QStringLiteral("src"), merged});
        for (auto it = modes.begin(); it != modes.end(); ++it) {
            const QFileInfo info(merged + QStringLiteral("/src/") + it.key());
            QCOMPARE(info.permissions() & 0x7077, it.value() & 0x7077);
            QCOMPARE(info.lastModified().toSecsSinceEpoch(), past.toSecsSinceEpoch());
            QVERIFY(testing::readFile(info.filePath()) == contentOf(it.key()));
        }
        // An existing file is kept without --force and replaced whole with it; no temporary
        // file is left beside it either way.
        testing::writeFile(out + QStringLiteral("/run.sh"), "changed locally");
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("m"), QStringLiteral("src/run.sh"), out}).exitCode, 1);
        QCOMPARE(testing::readFile(out + QStringLiteral("/run.sh")), QByteArray("changed locally"));
        ok({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("m"), QStringLiteral("src/run.sh"), out, QStringLiteral("--force")});
        QCOMPARE(testing::readFile(out + QStringLiteral("/run.sh")), QByteArray("run.sh"));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), 3);
        QCOMPARE(QDir(merged + QStringLiteral("/src/weights")).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    void cpRmDeleteRename()
    {
        ok(args(QStringLiteral("volume create w")));
        testing::writeFile(local(QStringLiteral("d/x.txt")), "x");
        testing::writeFile(local(QStringLiteral("f.txt")), "f");
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("w"), local(QStringLiteral("d"))});
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("w"), local(QStringLiteral("f.txt"))});
        const qint64 v = headOf(QStringLiteral("w"));
        QCOMPARE(runCli(args(QStringLiteral("volume cp w d d2"))).exitCode, 1);
        QCOMPARE(ok(args(QStringLiteral("volume cp w -r d d2"))).exitCode, 0);
        QCOMPARE(ok(args(QStringLiteral("volume cp w f.txt d/x.txt d2"))).exitCode, 0);
        QCOMPARE(headOf(QStringLiteral("w")), v + 2);
        QCOMPARE(paths(json(args(QStringLiteral("volume ls w d2 --json")))),
                 (QStringList{QStringLiteral("d2/f.txt"), QStringLiteral("d2/x.txt")}));
        QCOMPARE(runCli(args(QStringLiteral("volume rm w d2"))).exitCode, 1);
        QCOMPARE(ok(args(QStringLiteral("volume rm w d2 -r"))).exitCode, 0);
        QCOMPARE(ok(args(QStringLiteral("volume rm w f.txt"))).exitCode, 0);
        QCOMPARE(runCli(args(QStringLiteral("volume rm w f.txt"))).exitCode, 1);
        QCOMPARE(headOf(QStringLiteral("w")), v + 4);

        const QString id = json(args(QStringLiteral("volume list --json")))[0].toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(runCli(args(QStringLiteral("volume rename w w2"))).exitCode, 2); // not a terminal: needs -y
        QCOMPARE(ok(args(QStringLiteral("volume rename w w2 -y"))).exitCode, 0);
        QCOMPARE(json(args(QStringLiteral("volume list --json")))[0].toObject().value(QStringLiteral("id")).toString(), id);
        QCOMPARE(runCli(args(QStringLiteral("volume delete w2"))).exitCode, 2);
        QCOMPARE(ok(args(QStringLiteral("volume delete w2 -y"))).exitCode, 0);
        QVERIFY(json(args(QStringLiteral("volume list --json"))).isEmpty());
        QCOMPARE(runCli(args(QStringLiteral("volume delete w2 -y"))).exitCode, 1);
    }

    void historyRestoreDiffForkMigrate()
    {
        ok(args(QStringLiteral("volume create h --version 1")));
        testing::writeFile(local(QStringLiteral("a.txt")), "one");
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("h"), local(QStringLiteral("a.txt"))});
        const qint64 first = headOf(QStringLiteral("h"));
        testing::writeFile(local(QStringLiteral("a.txt")), "two!");
        testing::writeFile(local(QStringLiteral("b.txt")), "b");
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("h"), local(QStringLiteral("a.txt")), QStringLiteral("-f")});
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("h"), local(QStringLiteral("b.txt"))});
        const QJsonArray history = json(args(QStringLiteral("volume history h --json")));
        QCOMPARE(history.size(), 4);
        for (int i = 0; i < history.size(); ++i) {
            const QJsonObject r = history[i].toObject();
            QCOMPARE(r.value(QStringLiteral("version")).toInteger(), i + 1);
            QVERIFY(QDateTime::fromString(r.value(QStringLiteral("time")).toString(), Qt::ISODate).isValid());
            QVERIFY(r.value(QStringLiteral("writer")).toString().contains(QLatin1Char('@')));
            QVERIFY(r.contains(QStringLiteral("message")));
        }
        const QJsonArray diff = json({QStringLiteral("volume"), QStringLiteral("diff"), QStringLiteral("h"), QString::number(first), QStringLiteral("4"), QStringLiteral("--json")});
        QCOMPARE(diff.size(), 2);
        QCOMPARE(diff[0].toObject().value(QStringLiteral("path")).toString(), QStringLiteral("a.txt"));
        QCOMPARE(diff[0].toObject().value(QStringLiteral("change")).toString(), QStringLiteral("modified"));
        QCOMPARE(diff[1].toObject().value(QStringLiteral("change")).toString(), QStringLiteral("added"));
        const QJsonArray back = json({QStringLiteral("volume"), QStringLiteral("diff"), QStringLiteral("h"), QStringLiteral("4"), QString::number(first), QStringLiteral("--json")});
        QCOMPARE(back[1].toObject().value(QStringLiteral("change")).toString(), QStringLiteral("removed"));

        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("restore"), QStringLiteral("h"), QStringLiteral("a.txt"), QStringLiteral("--from-version"), QString::number(first)}).exitCode, 0);
        QCOMPARE(ok(args(QStringLiteral("volume get h a.txt -"))).out, QByteArray("one"));
        QCOMPARE(headOf(QStringLiteral("h")), 5);

        QCOMPARE(ok({QStringLiteral("volume"), QStringLiteral("fork"), QStringLiteral("h"), QStringLiteral("h-old"), QStringLiteral("--at-version"), QString::number(first)}).exitCode, 0);
        QCOMPARE(paths(json(args(QStringLiteral("volume ls h-old --json")))), QStringList{QStringLiteral("a.txt")});
        QCOMPARE(ok(args(QStringLiteral("volume migrate h h2"))).exitCode, 0);
        const QJsonArray volumes = json(args(QStringLiteral("volume list --json")));
        for (const QJsonValue &v : volumes) {
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("h2"))
                QCOMPARE(v.toObject().value(QStringLiteral("format")).toInt(), 2);
        }
        QCOMPARE(paths(json(args(QStringLiteral("volume ls h2 --json")))), (QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt")}));
        QCOMPARE(runCli(args(QStringLiteral("volume migrate h2 h3"))).exitCode, 1);
    }

    void gcAndCheck()
    {
        ok(args(QStringLiteral("volume create g")));
        testing::writeFile(local(QStringLiteral("big.bin")), testing::randomBytes(2 * 1024 * 1024, 3));
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("g"), local(QStringLiteral("big.bin"))});
        ok(args(QStringLiteral("volume rm g big.bin")));
        // History keeps the removed file: nothing is garbage yet.
        QVERIFY(ok(args(QStringLiteral("gc --grace 0s --dry-run"))).out.contains("would remove 0 "));
        ok(args(QStringLiteral("volume delete g -y")));
        const auto dry = ok(args(QStringLiteral("gc --grace 0s --dry-run")));
        QVERIFY2(dry.out.contains("would remove 2 of 2 packs"), dry.out.constData());
        const auto young = ok(args(QStringLiteral("gc")));
        QVERIFY2(young.out.contains("removed 0 of 2 packs") && young.out.contains("1 volumes"), young.out.constData());
        const auto gc = ok(args(QStringLiteral("gc --grace 0s")));
        QVERIFY2(gc.out.contains("removed 2 of 2 packs"), gc.out.constData());
        const auto check = ok(args(QStringLiteral("check --read-data")));
        QCOMPARE(check.exitCode, 0);
        QVERIFY(check.out.contains("no problems"));
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
