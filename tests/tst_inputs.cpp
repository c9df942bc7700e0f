// What `volume put` reads from the local disk: nothing outside the given tree unless asked,
// no special file that could block or never end, and a warning naming everything left out.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using testing::CliResult;

namespace {

// trove-cli, killed if it runs longer than `seconds`: a put that blocks on a FIFO or reads
// /dev/zero forever fails the test instead of hanging it.
CliResult runWithin(int seconds, const QStringList &arguments)
{
    std::unique_ptr<QProcess> p(testing::startCli(arguments));
    p->closeWriteChannel();
    if (!p->waitForFinished(seconds * 1000)) {
        p->kill();
        p->waitForFinished();
        return {-1, p->readAllStandardOutput(), "did not finish within the time limit: " + p->readAllStandardError()};
    }
    return {p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1, p->readAllStandardOutput(), p->readAllStandardError()};
}

QStringList listing(const QString &volume)
{
    const CliResult r = testing::runCli({QStringLiteral("volume"), QStringLiteral("ls"), volume, QStringLiteral("-r"), QStringLiteral("--json")});
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        out.append(v.toObject().value(QStringLiteral("path")).toString());
    return out;
}

QByteArray volumeFile(const QString &volume, const QString &path)
{
    return testing::runCli({QStringLiteral("volume"), QStringLiteral("get"), volume, path, QStringLiteral("-")}).out;
}

void makeSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    QVERIFY(name.size() < int(sizeof address.sun_path));
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
    ::close(fd); // the socket file stays
}

} // namespace

class InputsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    QString m_tree;   // what is put
    QString m_secret; // a file outside it

    QString inTree(const QString &relative) const { return m_tree + QLatin1Char('/') + relative; }
    void link(const QString &target, const QString &relative) { QVERIFY(QFile::link(target, inTree(relative))); }

    // A tree with a file, a subdirectory, and links of every kind: to a file outside, to a
    // file and a directory inside, dangling, and a loop.
    void makeTreeWithLinks()
    {
        testing::writeFile(m_secret, "outside secret");
        testing::writeFile(inTree(QStringLiteral("a.txt")), "a");
        testing::writeFile(inTree(QStringLiteral("sub/b.txt")), "b");
        link(m_secret, QStringLiteral("outside.txt"));
        link(QStringLiteral("a.txt"), QStringLiteral("inside.txt"));
        link(QStringLiteral("sub"), QStringLiteral("sublink"));
        link(QStringLiteral("nowhere"), QStringLiteral("dangling"));
        link(QStringLiteral(".."), QStringLiteral("sub/loop"));
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_tree = m_sandbox->path(QStringLiteral("tree"));
        m_secret = m_sandbox->path(QStringLiteral("private/secret.txt"));
        QVERIFY(QDir().mkpath(m_tree));
        QCOMPARE(testing::runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("v")}).exitCode, 0);
    }

    void linksAreSkippedWithAWarningNamingEach()
    {
        makeTreeWithLinks();
        const CliResult r = runWithin(60, {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_tree, QStringLiteral("/t")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(listing(QStringLiteral("v")), (QStringList{QStringLiteral("t"), QStringLiteral("t/a.txt"), QStringLiteral("t/sub"), QStringLiteral("t/sub/b.txt")}));
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 5); // one line per link
        for (const QString &name : {QStringLiteral("outside.txt"), QStringLiteral("inside.txt"), QStringLiteral("sublink"), QStringLiteral("dangling"), QStringLiteral("sub/loop")}) {
            const QByteArray path = QFile::encodeName(inTree(name));
            QVERIFY2(std::any_of(lines.cbegin(), lines.cend(), [&](const QByteArray &l) { return l.contains(path + ": a symbolic link"); }), r.err.constData());
        }
        QVERIFY2(r.err.contains("--follow-links"), r.err.constData());
    }

    void followLinksUploadsWhatTheyPointTo()
    {
        makeTreeWithLinks();
        const CliResult r = runWithin(60, {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_tree, QStringLiteral("/t"), QStringLiteral("--follow-links")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(listing(QStringLiteral("v")),
                 (QStringList{QStringLiteral("t"), QStringLiteral("t/a.txt"), QStringLiteral("t/inside.txt"), QStringLiteral("t/outside.txt"), QStringLiteral("t/sub"),
                              QStringLiteral("t/sub/b.txt"), QStringLiteral("t/sublink"), QStringLiteral("t/sublink/b.txt")}));
        QCOMPARE(volumeFile(QStringLiteral("v"), QStringLiteral("t/outside.txt")), QByteArray("outside secret")); // as asked
        QCOMPARE(volumeFile(QStringLiteral("v"), QStringLiteral("t/inside.txt")), QByteArray("a"));
        // What cannot be followed is still named: the dangling link and the loop (reached
        // through sub/ and through sublink/).
        QVERIFY2(r.err.contains(QFile::encodeName(inTree(QStringLiteral("dangling"))) + ": a dangling symbolic link"), r.err.constData());
        QVERIFY2(r.err.contains(QFile::encodeName(inTree(QStringLiteral("sub/loop"))) + ": a link back to a directory"), r.err.constData());
        QCOMPARE(r.err.trimmed().split('\n').size(), 3);
    }

    void specialFilesInATreeAreSkippedWithAWarning()
    {
        testing::writeFile(inTree(QStringLiteral("a.txt")), "a");
        QVERIFY(::mkfifo(QFile::encodeName(inTree(QStringLiteral("pipe"))).constData(), 0600) == 0);
        makeSocket(inTree(QStringLiteral("sock")));
        const CliResult r = runWithin(60, {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_tree, QStringLiteral("/t")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(listing(QStringLiteral("v")), (QStringList{QStringLiteral("t"), QStringLiteral("t/a.txt")}));
        QVERIFY2(r.err.contains(QFile::encodeName(inTree(QStringLiteral("pipe"))) + ": a FIFO"), r.err.constData());
        QVERIFY2(r.err.contains(QFile::encodeName(inTree(QStringLiteral("sock"))) + ": a socket"), r.err.constData());
    }

    void specialFilesGivenDirectlyAreRefusedBeforeReading()
    {
        const QString fifo = m_sandbox->path(QStringLiteral("pipe"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        for (const QString &special : {QStringLiteral("/dev/zero"), fifo}) {
            const CliResult r = runWithin(20, {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), special, QStringLiteral("/x")});
            QVERIFY2(r.exitCode == 1, r.err.constData());
            QVERIFY2(r.err.contains(QFile::encodeName(special)) && r.err.contains("not a regular file or a directory"), r.err.constData());
            QCOMPARE(r.err.count('\n'), 1);
        }
        QCOMPARE(listing(QStringLiteral("v")), QStringList());
    }

    void standardInputIsReadWhenAskedWithADash()
    {
        const CliResult r = testing::runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), QStringLiteral("-"), QStringLiteral("/in.txt")}, "piped bytes");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(volumeFile(QStringLiteral("v"), QStringLiteral("in.txt")), QByteArray("piped bytes"));
        const CliResult unnamed = testing::runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), QStringLiteral("-")}, "x");
        QCOMPARE(unnamed.exitCode, 2);
    }

    void skippedNamesArePrintedEscaped()
    {
        testing::writeFile(inTree(QStringLiteral("a.txt")), "a");
        link(QStringLiteral("a.txt"), QStringLiteral("evil\x1b[2J\nname"));
        const CliResult r = runWithin(60, {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_tree, QStringLiteral("/t")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(!r.err.contains('\x1b'), r.err.constData());
        QVERIFY2(r.err.contains("evil\\x1b[2J\\x0aname: a symbolic link"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(InputsTest)
#include "tst_inputs.moc"
