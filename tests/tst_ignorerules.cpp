// What a bound folder leaves out of its volume: .troveignore means what the same .gitignore
// means to git (each row of the table is also put to `git check-ignore` in a real repository),
// the built-in temporary-file rules apply, and asking is cheap enough for 100,000 paths.
#include "IgnoreRules.h"
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace trove;

namespace {

const QString kSubfolder = QStringLiteral("sub");

// ROOT with the rules in `rulesFile` (and in sub/`rulesFile` when `subRules` is set) and
// `path` as a folder or an empty file.
void makeTree(const QString &root, const QString &rulesFile, const QString &rules, const QString &subRules,
              const QString &path, bool isDir)
{
    QDir dir(root);
    if (!rules.isEmpty())
        testing::writeFile(dir.filePath(rulesFile), rules.toUtf8());
    if (!subRules.isEmpty()) {
        QVERIFY(dir.mkpath(kSubfolder));
        testing::writeFile(dir.filePath(kSubfolder + QLatin1Char('/') + rulesFile), subRules.toUtf8());
    }
    if (isDir) {
        QVERIFY(dir.mkpath(path));
    } else {
        QVERIFY(dir.mkpath(QFileInfo(dir.filePath(path)).path()));
        testing::writeFile(dir.filePath(path), {});
    }
}

// git's own answer for the same tree with .gitignore files, untouched by any user or system
// git configuration; nothing when git fails.
std::optional<bool> gitIgnores(const QString &rules, const QString &subRules, const QString &path, bool isDir)
{
    QTemporaryDir repo;
    makeTree(repo.path(), QStringLiteral(".gitignore"), rules, subRules, path, isDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), repo.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), repo.path());
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    const auto git = [&](const QStringList &arguments) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(repo.path());
        process.start(QStringLiteral("git"), arguments);
        process.waitForFinished(30000);
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() > 1)
            qWarning("git %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), process.readAllStandardError().constData());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    if (git({QStringLiteral("init"), QStringLiteral("-q")}) != 0)
        return std::nullopt;
    // check-ignore: 0 ignored, 1 not ignored.
    const int answer = git({QStringLiteral("check-ignore"), QStringLiteral("-q"), QStringLiteral("--no-index"),
                            QStringLiteral("--"), path});
    return answer == 0 || answer == 1 ? std::optional<bool>(answer == 0) : std::nullopt;
}

} // namespace

class IgnoreRulesTest : public QObject
{
    Q_OBJECT
private slots:
    void agreesWithGit_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("subRules"); // sub/.troveignore, "" for none
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");
        const auto row = [](const char *name, const char *rules, const char *path, bool isDir, bool ignored,
                            const char *subRules = "") {
            QTest::newRow(name) << QString::fromUtf8(rules) << QString::fromUtf8(subRules) << QString::fromUtf8(path)
                                << isDir << ignored;
        };
        row("blank lines and comments", "\n# x.txt\n\n", "x.txt", false, false);
        row("comment is not a pattern", "#x", "#x", false, false);
        row("escaped hash", "\\#x", "#x", false, true);
        row("escaped bang", "\\!x", "!x", false, true);
        row("name at the root", "*.log", "a.log", false, true);
        row("name at any depth", "*.log", "a/b/c.log", false, true);
        row("name is whole", "*.log", "a.logs", false, false);
        row("literal name at any depth", "build", "src/build", false, true);
        row("trailing slash: a folder", "build/", "src/build", true, true);
        row("trailing slash: not a file", "build/", "src/build", false, false);
        row("trailing slash: what is inside", "build/", "src/build/x/y.o", false, true);
        row("leading slash anchors", "/build", "src/build", true, false);
        row("leading slash at the root", "/build", "build", true, true);
        row("middle slash anchors", "doc/*.txt", "doc/a.txt", false, true);
        row("middle slash not deeper", "doc/*.txt", "src/doc/a.txt", false, false);
        row("star stops at a slash", "doc/*.txt", "doc/sub/a.txt", false, false);
        row("star slash: one folder", "a/*/c", "a/b/c", false, true);
        row("star slash: not two", "a/*/c", "a/b/x/c", false, false);
        row("question mark", "?.c", "a.c", false, true);
        row("question mark is one character", "?.c", "ab.c", false, false);
        row("class", "[a-c].o", "b.o", false, true);
        row("class miss", "[a-c].o", "d.o", false, false);
        row("negated class", "[!a-c].o", "d.o", false, true);
        row("negated class miss", "[!a-c].o", "a.o", false, false);
        row("caret class", "[^a-c].o", "a.o", false, false);
        row("posix class", "[[:digit:]]*.txt", "1a.txt", false, true);
        row("posix class miss", "[[:digit:]]*.txt", "a1.txt", false, false);
        row("bracket first in class", "[]x].c", "].c", false, true);
        row("escaped star", "\\*", "*", false, true);
        row("escaped star is not a wildcard", "\\*", "a", false, false);
        row("negation: last match wins", "*.log\n!keep.log", "keep.log", false, false);
        row("negation: others stay out", "*.log\n!keep.log", "other.log", false, true);
        row("negation before is overridden", "!keep.log\n*.log", "keep.log", false, true);
        row("no way back into an ignored folder", "logs/\n!logs/keep.txt", "logs/keep.txt", false, true);
        row("no way back, even by name", "logs\n!keep.txt", "logs/keep.txt", false, true);
        row("contents with /** can come back", "logs/**\n!logs/keep.txt", "logs/keep.txt", false, false);
        row("x/** is not x", "logs/**", "logs", true, false);
        row("x/** is all inside", "logs/**", "logs/a/b", false, true);
        row("**/x at the root", "**/cache", "cache", true, true);
        row("**/x at any depth", "**/cache", "a/b/cache", true, true);
        row("**/x/y", "**/foo/bar", "x/y/foo/bar", false, true);
        row("**/x/y at the root", "**/foo/bar", "foo/bar", false, true);
        row("a/**/b with no folder between", "a/**/b", "a/b", false, true);
        row("a/**/b with folders between", "a/**/b", "a/x/y/b", false, true);
        row("a/**/b is anchored", "a/**/b", "x/a/b", false, false);
        row("** inside a name is a star", "a**z", "abcz", false, true);
        row("anchored path ignores a folder", "a/b", "a/b/c.txt", false, true);
        row("anchored folder-only, a file", "a/b/", "a/b", false, false);
        row("all but one folder", "/*\n!/keep/", "keep/a.txt", false, false);
        row("all but one folder, the rest", "/*\n!/keep/", "other.txt", false, true);
        row("trailing spaces dropped", "foo   ", "foo", false, true);
        row("escaped trailing space kept", "foo\\ ", "foo ", false, true);
        row("leading space kept", " foo", "foo", false, false);
        row("carriage returns", "*.log\r\nx\r\n", "a.log", false, true);
        row("unicode names", "*.grüße", "a/b.grüße", false, true);
        row("** alone is everything", "**", "a/b", false, true);
        row("x/**/ is folders inside x", "foo/**/", "foo/a", true, true);
        row("x/**/ is no file", "foo/**/", "foo/a", false, false);
        row("x/**/ covers files in them", "foo/**/", "foo/a/b", false, true);
        row("x/* covers what is deeper", "abc/*", "abc/def/ghi", false, true);
        row("a/**b is a star", "a/**b", "a/xb", false, true);
        row("a/**b stops at a slash", "a/**b", "a/x/b", false, false);
        row("**name is a star", "**foo", "d/xfoo", false, true);
        row("doc/**/*.pdf deep", "doc/**/*.pdf", "doc/x/y/a.pdf", false, true);
        row("doc/**/*.pdf shallow", "doc/**/*.pdf", "doc/a.pdf", false, true);
        row("*/ is every folder", "*/", "a/b.txt", false, true);
        row("dash at the end of a class", "[a-]x", "-x", false, true);
        row("escaped brackets", "\\[ab\\]", "[ab]", false, true);
        row("only .txt, in any folder", "*\n!*/\n!*.txt", "a/b.txt", false, false);
        row("only .txt, the rest out", "*\n!*/\n!*.txt", "a/b.bin", false, true);
        row("subfolder rules apply inside", "", "sub/x.dat", false, true, "*.dat");
        row("subfolder rules not outside", "", "x.dat", false, false, "*.dat");
        row("subfolder anchored to itself", "", "sub/only", false, true, "/only");
        row("subfolder anchored, not deeper", "", "sub/deeper/only", false, false, "/only");
        row("subfolder middle slash", "", "sub/x/a.o", false, true, "x/*.o");
        row("subfolder overrides the root", "*.dat", "sub/keep.dat", false, false, "!keep.dat");
        row("root rule stays outside", "*.dat", "keep.dat", false, true, "!keep.dat");
        row("ignored subfolder's rules unread", "sub/", "sub/x.txt", false, true, "!x.txt");
    }
    void agreesWithGit()
    {
        QFETCH(QString, rules);
        QFETCH(QString, subRules);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        QTemporaryDir folder;
        makeTree(folder.path(), QStringLiteral(".troveignore"), rules, subRules, path, isDir);
        QCOMPARE(IgnoreRules::forFolder(folder.path()).isIgnored(path, isDir), ignored);
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed: the table is not checked against it");
        const std::optional<bool> git = gitIgnores(rules, subRules, path, isDir);
        QVERIFY2(git.has_value(), "git check-ignore failed");
        QVERIFY2(*git == ignored, "git check-ignore answers otherwise");
    }

    void builtInRules_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");
        const auto row = [](const char *path, bool ignored, const char *rules = "", bool isDir = false) {
            QTest::newRow(path) << QString::fromUtf8(rules) << QString::fromUtf8(path) << isDir << ignored;
        };
        for (const char *temporary : {"a.swp", "d/.notes.txt.swp", "d/.notes.txt.swo", "x.swx", "d/4913", "notes.txt~",
                                      ".#notes.txt", "d/#notes.txt#", ".~lock.report.odt#", "~$report.docx", "x.tmp",
                                      "movie.mkv.part", "f.zip.crdownload", ".goutputstream-X1Y2Z3", ".DS_Store",
                                      "photos/Thumbs.db"})
            row(temporary, true);
        for (const char *kept : {"swp", "notes.txt", "4913.txt", "a.partial", "tmp", "lock.odt#", "Thumbs.db.txt"})
            row(kept, false);
        row(".trove", true, "", true);
        row(".trove/journal.db", true);
        row("d/.trove", true, "", true);
        row(".trove/state", true, "!.trove/\n!.trove/**\n!state");
        row("data.tmp", false, "!*.tmp");
    }
    void builtInRules()
    {
        QFETCH(QString, rules);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        QTemporaryDir folder;
        makeTree(folder.path(), QStringLiteral(".troveignore"), rules, {}, path, isDir);
        QCOMPARE(IgnoreRules::forFolder(folder.path()).isIgnored(path, isDir), ignored);
    }

    // A subfolder's .troveignore is read when a path inside it is first asked about; one
    // added later waits for the next IgnoreRules, as for the next scan.
    void subfolderRulesAreReadPerScan()
    {
        QTemporaryDir folder;
        QVERIFY(QDir(folder.path()).mkpath(kSubfolder));
        const IgnoreRules before = IgnoreRules::forFolder(folder.path());
        QVERIFY(!before.isIgnored(QStringLiteral("sub/x.dat"), false));
        testing::writeFile(folder.filePath(QStringLiteral("sub/.troveignore")), "*.dat\n");
        QVERIFY(!before.isIgnored(QStringLiteral("sub/y.dat"), false));
        QVERIFY(IgnoreRules::forFolder(folder.path()).isIgnored(QStringLiteral("sub/y.dat"), false));
    }

    // A scan of 100,000 files must finish within a second; the rules may take a small part.
    void hundredThousandPathsAreFast()
    {
        QTemporaryDir folder;
        testing::writeFile(folder.filePath(QStringLiteral(".troveignore")),
                           "# build output\n/build/\n*.o\n*.pyc\n__pycache__/\nnode_modules/\n"
                           "logs/**\n!logs/keep.txt\ndata/**/raw-[0-9]*.bin\n.cache/\n*.ckpt.partial\n");
        QStringList paths;
        for (int d = 0; d < 400; ++d) {
            const QString dir = QStringLiteral("project/part%1/set%2").arg(d % 20).arg(d);
            for (int f = 0; f < 250; ++f)
                paths.append(QStringLiteral("%1/file-%2.%3").arg(dir).arg(f).arg(f % 3 ? "bin" : "txt"));
        }
        const IgnoreRules rules = IgnoreRules::forFolder(folder.path());
        QElapsedTimer timer;
        timer.start();
        int ignored = 0;
        for (const QString &path : std::as_const(paths))
            ignored += rules.isIgnored(path, false);
        const qint64 elapsed = timer.elapsed();
        qInfo("%lld ms for %lld paths", elapsed, qlonglong(paths.size()));
        QCOMPARE(ignored, 0);
        QVERIFY2(elapsed < 300, qPrintable(QStringLiteral("%1 ms for 100,000 paths").arg(elapsed)));
    }
};

QTEST_GUILESS_MAIN(IgnoreRulesTest)
#include "tst_ignorerules.moc"
