// trove-cli's small promises: messages a terminal cannot be tricked by, advice a shell user
// can follow, store paths and settings checked before anything is created, confirmation
// before removing everything, and a local store private to its user.
#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QtTest>
#include <sys/stat.h>

using testing::CliResult;
using testing::runCli;

namespace {

QStringList args(const QString &line) { return line.split(QLatin1Char(' '), Qt::SkipEmptyParts); }

CliResult ok(const QStringList &arguments)
{
    const CliResult r = runCli(arguments);
    if (r.exitCode != 0)
        qWarning("trove-cli %s -> %d: %s", qPrintable(arguments.join(QLatin1Char(' '))), r.exitCode, r.err.constData());
    return r;
}

mode_t modeOf(const QString &path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : mode_t(-1);
}

// Every directory and file of a local store has the expected mode; returns the first that has not.
QString firstWithOtherMode(const QString &store, mode_t directoryMode, mode_t fileMode)
{
    QDirIterator it(store, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const mode_t expected = it.fileInfo().isDir() ? directoryMode : fileMode;
        if (modeOf(path) != expected)
            return QStringLiteral("%1 is %2, expected %3").arg(path).arg(modeOf(path), 0, 8).arg(expected, 0, 8);
    }
    return QString();
}

} // namespace

class CliEdgesTest : public QObject
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

    void controlCharactersArePrintedEscaped()
    {
        ok(args(QStringLiteral("volume create v")));
        // A message recorded with a version, listed back.
        testing::writeFile(local(QStringLiteral("a.txt")), "a");
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("a.txt")), QStringLiteral("-m"), QStringLiteral("one\nfake line\x1b]0;title\x07")});
        const CliResult history = ok(args(QStringLiteral("volume history v")));
        QCOMPARE(history.out.count('\n'), 2); // one line per version
        QVERIFY2(history.out.contains("one\\x0afake line\\x1b]0;title\\x07"), history.out.constData());
        // An error naming a local file whose name cannot be a volume path.
        testing::writeFile(local(QStringLiteral("dir/bad\x1b[31m\nname")), "x");
        const CliResult error = runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("dir"))});
        QCOMPARE(error.exitCode, 1);
        QCOMPARE(error.err.count('\n'), 1);
        QVERIFY2(!error.err.contains('\x1b'), error.err.constData());
        QVERIFY2(error.err.contains("bad\\x1b[31m\\x0aname"), error.err.constData());
        // JSON keeps its own escapes.
        QVERIFY(!ok(args(QStringLiteral("volume history v --json"))).out.contains('\x1b'));
    }

    void errorsGiveAdviceACommandLineCanFollow()
    {
        ok(args(QStringLiteral("volume create v")));
        testing::writeFile(local(QStringLiteral("d/a.txt")), "a");
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("d")), QStringLiteral("/d")});
        for (const QString &line : {QStringLiteral("volume ls v missing"), QStringLiteral("volume get v missing -"), QStringLiteral("volume rm v missing"),
                                    QStringLiteral("volume ls v --at-version 9"), QStringLiteral("volume get v d -")}) {
            const CliResult r = runCli(args(line));
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(!r.err.contains("()"), r.err.constData()); // no C++ calls such as reload()
        }
    }

    void anEmptyOrHostFileUrlIsAUsageError()
    {
        for (const QString &url : {QStringLiteral("file://"), QStringLiteral("file:"), QStringLiteral("file://tmp/store"), QString(), QStringLiteral("s4://bucket")}) {
            const CliResult r = runCli({QStringLiteral("--store"), url, QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("v")});
            QVERIFY2(r.exitCode == 2, qPrintable(url + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY2(r.err.startsWith("trove-cli: "), r.err.constData());
        }
        qputenv("TROVE_STORE", "file://");
        const CliResult fromEnvironment = runCli(args(QStringLiteral("volume create v")));
        qputenv("TROVE_STORE", m_sandbox->storeUrl().toUtf8());
        QVERIFY2(fromEnvironment.exitCode == 2 && fromEnvironment.err.contains("TROVE_STORE"), fromEnvironment.err.constData());
        // Nothing was created in the current directory.
        QVERIFY(!QFileInfo::exists(m_sandbox->path(QStringLiteral("names"))));
        QVERIFY(!QFileInfo::exists(m_sandbox->path(QStringLiteral("volumes"))));
    }

    void readingAMissingStoreIsAnErrorNamingIt()
    {
        const QString missing = m_sandbox->path(QStringLiteral("typo/store"));
        for (const QString &line : {QStringLiteral("volume list"), QStringLiteral("volume ls v"), QStringLiteral("volume get v f -"),
                                    QStringLiteral("volume history v"), QStringLiteral("volume diff v 1 2"), QStringLiteral("check"), QStringLiteral("gc")}) {
            for (const QString &url : {missing, QUrl::fromLocalFile(missing).toString()}) {
                const CliResult r = runCli(QStringList{QStringLiteral("--store"), url} + args(line));
                QVERIFY2(r.exitCode == 1, qPrintable(line + QStringLiteral(": ") + QString::fromUtf8(r.err)));
                QVERIFY2(r.err.contains(QFile::encodeName(missing)) && r.err.contains("does not exist"), r.err.constData());
            }
            // The same through TROVE_STORE.
            qputenv("TROVE_STORE", missing.toUtf8());
            QCOMPARE(runCli(args(line)).exitCode, 1);
            qputenv("TROVE_STORE", m_sandbox->storeUrl().toUtf8());
        }
        QVERIFY(!QFileInfo::exists(m_sandbox->path(QStringLiteral("typo"))));
        // Creating a volume is what starts a store.
        ok({QStringLiteral("--store"), missing, QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("v")});
        QCOMPARE(ok({QStringLiteral("--store"), missing, QStringLiteral("volume"), QStringLiteral("list")}).exitCode, 0);
    }

    void aPlainRelativeDirectoryIsAStore()
    {
        QCOMPARE(ok(args(QStringLiteral("--store my-store volume create v"))).exitCode, 0);
        QVERIFY(QFileInfo::exists(m_sandbox->path(QStringLiteral("my-store/names/v"))));
        QVERIFY(ok(args(QStringLiteral("volume list --store my-store"))).out.startsWith("v "));
        QDir().mkpath(m_sandbox->path(QStringLiteral("sub")));
        QDir::setCurrent(m_sandbox->path(QStringLiteral("sub")));
        QVERIFY(ok(args(QStringLiteral("volume list --store ../my-store"))).out.startsWith("v "));
    }

    void badLimitsFromTheEnvironmentAreUsageErrors()
    {
        QDir().mkpath(m_sandbox->storePath());
        const QList<QPair<const char *, QByteArray>> cases{
            {"TROVE_TRANSFERS", "abc"}, {"TROVE_TRANSFERS", "0"}, {"TROVE_TRANSFERS", "65"}, {"TROVE_BANDWIDTH", "fast"}, {"TROVE_BANDWIDTH", "-5M"}};
        for (const auto &[variable, value] : cases) {
            qputenv(variable, value);
            const CliResult r = runCli(args(QStringLiteral("volume list")));
            qunsetenv(variable);
            QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("%1=%2 -> %3").arg(QLatin1String(variable), QString::fromUtf8(value)).arg(r.exitCode)));
            QVERIFY2(r.err.contains(variable) && r.err.contains(value), r.err.constData());
        }
        qputenv("TROVE_TRANSFERS", "8");
        qputenv("TROVE_BANDWIDTH", "50M");
        QCOMPARE(ok(args(QStringLiteral("volume list"))).exitCode, 0);
        qunsetenv("TROVE_TRANSFERS");
        qunsetenv("TROVE_BANDWIDTH");
    }

    void anInvalidVolumeNameIsAUsageError()
    {
        ok(args(QStringLiteral("volume create v")));
        for (const QStringList &line : {QStringList{QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("bad name")},
                                        QStringList{QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("a/b")},
                                        QStringList{QStringLiteral("volume"), QStringLiteral("rename"), QStringLiteral("v"), QStringLiteral(".hidden"), QStringLiteral("-y")},
                                        QStringList{QStringLiteral("volume"), QStringLiteral("fork"), QStringLiteral("v"), QString(65, QLatin1Char('x'))}}) {
            const CliResult r = runCli(line);
            QVERIFY2(r.exitCode == 2, qPrintable(line.join(QLatin1Char(' ')) + QStringLiteral(" -> ") + QString::number(r.exitCode)));
            QVERIFY2(r.err.contains("invalid volume name"), r.err.constData());
        }
    }

    void removingEverythingNeedsConfirmation()
    {
        ok(args(QStringLiteral("volume create v")));
        testing::writeFile(local(QStringLiteral("d/a.txt")), "a");
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("d")), QStringLiteral("/d")});
        for (const QString &root : {QStringLiteral("/"), QStringLiteral("."), QStringLiteral("")}) {
            const CliResult r = runCli({QStringLiteral("volume"), QStringLiteral("rm"), QStringLiteral("v"), root, QStringLiteral("-r")});
            QVERIFY2(r.exitCode == 2 && r.err.contains("--yes"), r.err.constData());
        }
        QVERIFY(ok(args(QStringLiteral("volume ls v"))).out.contains("d/"));
        // On a terminal it asks; anything but yes removes nothing.
        const CliResult declined = testing::runCliOnTerminal(args(QStringLiteral("volume rm v / -r")), "n\n");
        QVERIFY2(declined.exitCode == 1 && declined.out.contains("Remove every file from volume 'v'?"), declined.out.constData());
        QVERIFY(ok(args(QStringLiteral("volume ls v"))).out.contains("d/"));
        QCOMPARE(ok(args(QStringLiteral("volume rm v d -r"))).exitCode, 0); // a directory needs no confirmation
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("d")), QStringLiteral("/d")});
        const CliResult confirmed = testing::runCliOnTerminal(args(QStringLiteral("volume rm v / -r")), "y\n");
        QVERIFY2(confirmed.exitCode == 0, confirmed.out.constData());
        QVERIFY(ok(args(QStringLiteral("volume ls v"))).out.isEmpty());
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("d")), QStringLiteral("/d")});
        QCOMPARE(ok(args(QStringLiteral("volume rm v / -r -y"))).exitCode, 0);
        QVERIFY(ok(args(QStringLiteral("volume ls v"))).out.isEmpty());
    }

    // On a terminal an upload's progress line says how much of it is new: all of a first
    // upload, only the growth (and the old last chunk) when a grown file is put again.
    void progressOnATerminalSaysWhatIsNew()
    {
        ok(args(QStringLiteral("volume create v")));
        const QString file = local(QStringLiteral("model.bin"));
        testing::writeFile(file, testing::randomBytes(32ll << 20, 21));
        const QStringList put{QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), file, QStringLiteral("/model.bin"), QStringLiteral("--force")};
        // The last progress line, drawn over by the next one (carriage return, erase).
        auto lastNew = [&put] {
            const CliResult r = testing::runCliOnTerminal(put, {});
            if (r.exitCode != 0)
                return QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.out));
            QString last;
            static const QRegularExpression line(QStringLiteral("\\r\\x1b\\[K([^\\r]*, ([0-9.]+ [KMG]iB) new)"));
            for (auto it = line.globalMatch(QString::fromUtf8(r.out)); it.hasNext();)
                last = it.next().captured(2);
            return last;
        };
        QCOMPARE(lastNew(), QStringLiteral("32.0 MiB"));
        QFile grown(file);
        QVERIFY(grown.open(QIODevice::Append));
        QCOMPARE(grown.write(testing::randomBytes(4ll << 20, 22)), 4ll << 20);
        grown.close();
        const QString fresh = lastNew();
        QVERIFY2(QRegularExpression(QStringLiteral("^[4-8]\\.\\d MiB$")).match(fresh).hasMatch(), qPrintable(fresh));
    }

    void aNewLocalStoreIsPrivate()
    {
        if (!m_sandbox->isLocal())
            QSKIP("local stores only");
        ok(args(QStringLiteral("volume create v")));
        testing::writeFile(local(QStringLiteral("a.bin")), testing::randomBytes(3 << 20, 1));
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("a.bin"))});
        QCOMPARE(modeOf(m_sandbox->storePath()), mode_t(0700));
        const QString other = firstWithOtherMode(m_sandbox->storePath(), 0700, 0600);
        QVERIFY2(other.isEmpty(), qPrintable(other));
    }

    void aSharedStoreDirectoryKeepsItsMode()
    {
        if (!m_sandbox->isLocal())
            QSKIP("local stores only");
        // A team's store, group-writable: new objects stay so, whatever the writer's umask.
        QVERIFY(QDir().mkpath(m_sandbox->storePath()));
        QVERIFY(::chmod(QFile::encodeName(m_sandbox->storePath()).constData(), 0770) == 0);
        const mode_t previous = ::umask(022);
        ok(args(QStringLiteral("volume create v")));
        testing::writeFile(local(QStringLiteral("a.bin")), testing::randomBytes(3 << 20, 1));
        ok({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local(QStringLiteral("a.bin"))});
        ::umask(previous);
        const QString other = firstWithOtherMode(m_sandbox->storePath(), 0770, 0660);
        QVERIFY2(other.isEmpty(), qPrintable(other));
    }
};

QTEST_GUILESS_MAIN(CliEdgesTest)
#include "tst_cli_edges.moc"
