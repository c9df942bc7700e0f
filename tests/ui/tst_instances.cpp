// One Trove per user data directory: a second start says in one line, in the user's language,
// that Trove runs, asks the first to show its window and ends with 0; after a crash the lock is taken over.
#include "SingleInstance.h"
#include "TestSupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using namespace trove;
using namespace trove::ui;

class TstInstances : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;

    QString dataDir() const { return m_sandbox->path(QStringLiteral("data/trove/desktop")); }

    // `locale`: the app's language by LANG (else the test's own locale).
    void startApp(QProcess &app, const QString &store, const QString &locale = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!locale.isEmpty()) {
            for (const char *overriding : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"})
                env.remove(QString::fromLatin1(overriding));
            env.insert(QStringLiteral("LANG"), locale);
        }
        const QString runtime = m_sandbox->path(QStringLiteral("runtime"));
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime); // else Qt warns on stderr
        app.setProcessEnvironment(env);
        app.setProgram(QStringLiteral(TROVE_APP));
        app.setArguments({QStringLiteral("--store"), store});
        app.start();
        QVERIFY(app.waitForStarted(10000));
    }

private slots:
    void init() { m_sandbox = std::make_unique<testing::Sandbox>(); }
    void cleanup() { m_sandbox.reset(); }

    void secondStartAsksTheFirstToShowItsWindow()
    {
        SingleInstance first(dataDir());
        QVERIFY(first.acquire());
        QSignalSpy activated(&first, &SingleInstance::activationRequested);
        SingleInstance second(dataDir());
        QVERIFY(!second.acquire());
        QCOMPARE(second.otherProcessId(), QCoreApplication::applicationPid());
        QVERIFY(activated.wait(5000));
    }

    void secondAppSaysSoAndEndsAndACrashLeavesNoLock()
    {
        QProcess first;
        startApp(first, m_sandbox->storeUrl());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dataDir() + QStringLiteral("/trove.lock")), 10000);

        QProcess second;
        startApp(second, m_sandbox->storeUrl());
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        const QString said = QString::fromLocal8Bit(second.readAllStandardError()).trimmed();
        QVERIFY2(said.startsWith(QStringLiteral("trove: Trove is already running for this user (process %1)").arg(first.processId())),
                 qPrintable(said));
        QVERIFY2(!said.contains(QLatin1Char('\n')), qPrintable(said)); // one line
        QCOMPARE(first.state(), QProcess::Running);

        QProcess translated; // the same line in the user's language
        startApp(translated, m_sandbox->storeUrl(), QStringLiteral("zh_TW.UTF-8"));
        QVERIFY(translated.waitForFinished(10000));
        QCOMPARE(translated.exitCode(), 0);
        const QString saidInChinese = QString::fromUtf8(translated.readAllStandardError()).trimmed();
        QVERIFY2(saidInChinese.startsWith(QStringLiteral("trove: 此使用者的 Trove 已在執行（行程 %1）").arg(first.processId())),
                 qPrintable(saidInChinese));

        first.kill(); // a crash: the lock file stays, naming a process that is gone
        QVERIFY(first.waitForFinished(10000));
        QVERIFY(QFile::exists(dataDir() + QStringLiteral("/trove.lock")));
        QProcess third;
        startApp(third, m_sandbox->storeUrl());
        QVERIFY(!third.waitForFinished(3000)); // it runs
        third.terminate();
        QVERIFY(third.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TstInstances)
#include "tst_instances.moc"
