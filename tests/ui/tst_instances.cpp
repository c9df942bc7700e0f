// One Trove per user data directory: a second start says in one line that Trove runs, asks
// the first to show its window and ends with 0; after a crash the lock is taken over.
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

    void startApp(QProcess &app, const QString &store)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
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
