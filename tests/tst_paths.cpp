// Paths from users and from stores are hostile until checked: nothing escapes a volume or
// a download's destination.
#include "Error.h"
#include "RemotePath.h"
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace trove;

class PathsTest : public QObject
{
    Q_OBJECT
private slots:
    void normalisesHarmlessForms_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("root") << "/" << "";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("leading slash") << "/a/b.txt" << "a/b.txt";
        QTest::newRow("trailing slash") << "a/b/" << "a/b";
        QTest::newRow("dot segments") << "./a/./b" << "a/b";
        QTest::newRow("unicode") << "模型/權重.bin" << "模型/權重.bin";
        QTest::newRow("spaces") << " a b /c " << " a b /c ";
    }
    void normalisesHarmlessForms()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(remotepath::normalize(input), expected);
    }

    void rejectsTheBadPathCorpus_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("reason");
        QTest::newRow("dotdot") << "../etc/passwd" << "..";
        QTest::newRow("inner dotdot") << "a/../../b" << "..";
        QTest::newRow("trailing dotdot") << "a/.." << "..";
        QTest::newRow("double slash") << "a//b" << "empty segment";
        QTest::newRow("absolute escape") << "//etc/passwd" << "empty segment";
        QTest::newRow("nul") << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << "control character";
        QTest::newRow("newline") << "a\nb" << "control character";
        QTest::newRow("backslash") << "a\\..\\b" << "backslash";
        QTest::newRow("long segment") << QString(256, QLatin1Char('x')) << "255 bytes";
        QTest::newRow("long path") << QString(5000, QLatin1Char('x')) << "4,096 bytes";
    }
    void rejectsTheBadPathCorpus()
    {
        QFETCH(QString, input);
        QFETCH(QString, reason);
        try {
            remotepath::normalize(input);
            QFAIL("accepted a bad path");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::InvalidArgument);
            QVERIFY2(e.message().contains(reason), qPrintable(e.message()));
            QVERIFY(e.message().startsWith(QStringLiteral("invalid volume path")));
        }
    }

    void apiRejectsBadPathsBeforeWriting()
    {
        testing::Sandbox sandbox;
        Volume v = Volume::fromName(QStringLiteral("safe"), {true, 2, std::nullopt}, sandbox.repository());
        QVERIFY_THROWS_EXCEPTION(Error, v.putData("x", QStringLiteral("../escape")));
        QVERIFY_THROWS_EXCEPTION(Error, v.putData("x", QStringLiteral("a//b")));
        QVERIFY(!v.hasStagedChanges());
    }

    void getNeverWritesThroughASymlink()
    {
        testing::Sandbox sandbox;
        Volume v = Volume::fromName(QStringLiteral("links"), {true, 2, std::nullopt}, sandbox.repository());
        v.putData("payload", QStringLiteral("dir/sub/file.txt"));
        v.putData("top", QStringLiteral("dir/top.txt"));
        v.commit();
        const QString outside = sandbox.path(QStringLiteral("outside"));
        QDir().mkpath(outside);
        const QString dest = sandbox.path(QStringLiteral("dest"));
        QDir().mkpath(dest + QStringLiteral("/dir"));
        // A planted symlink where the download would create a directory...
        QVERIFY(QFile::link(outside, dest + QStringLiteral("/dir/sub")));
        try {
            v.download(QStringLiteral("dir"), dest, true);
            QFAIL("downloaded through a symlinked directory");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("symlink")), qPrintable(e.message()));
        }
        QVERIFY(QDir(outside).isEmpty());

        // ...and one where it would write a file: replaced by the file, never followed.
        const QString dest2 = sandbox.path(QStringLiteral("dest2"));
        QDir().mkpath(dest2);
        const QString target = outside + QStringLiteral("/victim.txt");
        testing::writeFile(target, "untouched");
        QVERIFY(QFile::link(target, dest2 + QStringLiteral("/top.txt")));
        QVERIFY_THROWS_EXCEPTION(Error, v.download(QStringLiteral("dir/top.txt"), dest2, false));
        v.download(QStringLiteral("dir/top.txt"), dest2, true);
        QCOMPARE(testing::readFile(target), QByteArray("untouched"));
        QCOMPARE(testing::readFile(dest2 + QStringLiteral("/top.txt")), QByteArray("top"));
        QVERIFY(!QFileInfo(dest2 + QStringLiteral("/top.txt")).isSymLink());
    }
};

QTEST_GUILESS_MAIN(PathsTest)
#include "tst_paths.moc"
