// The store contract, written once: every store (local now, S3 with its own run) must pass it.
// TROVE_TEST_STORE selects the store under test (see TestSupport.h); unset, a local store.
#include "Error.h"
#include "Hash.h"
#include "FileDescriptor.h"
#include "ObjectBody.h"
#include "Store.h"
#include "StoreUrl.h"
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QtConcurrent>
#include <QtTest>
#include <fcntl.h>
#include <unistd.h>

using namespace trove;

class StoreContractTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Store> m_store;
    QString m_prefix; // every test case works under its own prefix

    QString key(const QString &name) const { return m_prefix + name; }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_store = openStore(m_sandbox->storeUrl());
        m_prefix = QStringLiteral("contract-%1/").arg(QRandomGenerator::global()->generate64(), 0, 36);
    }

    void getOfMissingKeyIsNotFound()
    {
        try {
            m_store->get(key(QStringLiteral("missing")));
            QFAIL("no error for a missing key");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::NotFound);
        }
        QVERIFY(!m_store->stat(key(QStringLiteral("missing"))));
    }

    void putThenGetReturnsTheBytes()
    {
        const QByteArray data = testing::randomBytes(300000, 1);
        m_store->put(key(QStringLiteral("a/b/c")), data);
        QCOMPARE(m_store->get(key(QStringLiteral("a/b/c"))), data);
        const auto info = m_store->stat(key(QStringLiteral("a/b/c")));
        QVERIFY(info);
        QCOMPARE(info->size, data.size());
        QVERIFY(qAbs(info->modified.secsTo(QDateTime::currentDateTimeUtc())) < 300);
        m_store->put(key(QStringLiteral("a/b/c")), QByteArrayLiteral("replaced"));
        QCOMPARE(m_store->get(key(QStringLiteral("a/b/c"))), QByteArrayLiteral("replaced"));
        m_store->put(key(QStringLiteral("empty")), QByteArray());
        QCOMPARE(m_store->get(key(QStringLiteral("empty"))), QByteArray());
    }

    void rangedGetReturnsExactlyTheRange()
    {
        const QByteArray data = testing::randomBytes(1 << 20, 2);
        m_store->put(key(QStringLiteral("ranged")), data);
        QCOMPARE(m_store->getRange(key(QStringLiteral("ranged")), 1000, 5000), data.mid(1000, 5000));
        QCOMPARE(m_store->getRange(key(QStringLiteral("ranged")), data.size() - 10, 10), data.right(10));
        QCOMPARE(m_store->getRange(key(QStringLiteral("ranged")), 0, 1), data.left(1));
        QVERIFY_THROWS_EXCEPTION(Error, m_store->getRange(key(QStringLiteral("ranged")), data.size() - 10, 20));
        QVERIFY_THROWS_EXCEPTION(Error, m_store->getRange(key(QStringLiteral("no-such")), 0, 1));
    }

    // Packs of large files are sent from the files themselves: a body of memory and file
    // parts must arrive as the exact concatenation, whichever way the store writes it. The
    // local store copies inside the kernel where the source shares its filesystem and reads
    // and writes where it does not (/dev/shm is tmpfs).
    void bodyOfMemoryAndFilePartsIsStoredWhole_data()
    {
        QTest::addColumn<QString>("sourceDir");
        QTest::newRow("source beside the store") << QString();
        if (QFileInfo(QStringLiteral("/dev/shm")).isWritable())
            QTest::newRow("source on another filesystem") << QStringLiteral("/dev/shm");
    }

    void bodyOfMemoryAndFilePartsIsStoredWhole()
    {
        QFETCH(QString, sourceDir);
        QTemporaryDir elsewhere(sourceDir + QStringLiteral("/trove-source-XXXXXX"));
        const QString path = sourceDir.isEmpty() ? m_sandbox->path(QStringLiteral("source.bin")) : elsewhere.filePath(QStringLiteral("source.bin"));
        const QByteArray fileBytes = testing::randomBytes(3 << 20, 3), head = testing::randomBytes(70000, 4), tail = QByteArrayLiteral("trailer");
        testing::writeFile(path, fileBytes);
        auto source = std::make_shared<const SourceFile>(FileDescriptor::open(path, O_RDONLY), path);
        ObjectBody body;
        body.append(head.constData(), head.size());
        body.appendFile(source, 1000, 1 << 20);
        body.appendFile(source, 1000 + (1 << 20), 5000); // continues the range before
        body.appendFile(source, 7, 300);
        body.append(tail.constData(), tail.size());
        const QByteArray expected = head + fileBytes.mid(1000, (1 << 20) + 5000) + fileBytes.mid(7, 300) + tail;
        QCOMPARE(body.size(), expected.size());
        QCOMPARE(body.sha256(), Hash::of(expected));
        m_store->put(key(QStringLiteral("parts")), body);
        QCOMPARE(m_store->get(key(QStringLiteral("parts"))), expected);
        QVERIFY(m_store->createIfAbsent(key(QStringLiteral("parts-once")), body));
        QCOMPARE(m_store->get(key(QStringLiteral("parts-once"))), expected);

        // A source cut short meanwhile fails the write and leaves no object behind.
        QVERIFY(::truncate(QFile::encodeName(path).constData(), 4096) == 0);
        try {
            m_store->put(key(QStringLiteral("parts-short")), body);
            QFAIL("a body whose file shrank was stored");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("source.bin changed")), qPrintable(e.message()));
        }
        QVERIFY(!m_store->stat(key(QStringLiteral("parts-short"))));
    }

    // Bodies of several MiB whose size is no multiple of a disk block: the local store writes
    // them with O_DIRECT in 4 MiB rounds, padding the last and cutting the file back. A local
    // store on tmpfs (which refused O_DIRECT before Linux 6.6) must store the same bytes.
    void largeUnalignedBodyIsStoredWhole_data()
    {
        QTest::addColumn<QString>("storeDir");
        QTest::newRow("store under test") << QString();
        if (m_sandbox->isLocal() && QFileInfo(QStringLiteral("/dev/shm")).isWritable())
            QTest::newRow("local store on tmpfs") << QStringLiteral("/dev/shm");
    }

    void largeUnalignedBodyIsStoredWhole()
    {
        QFETCH(QString, storeDir);
        QTemporaryDir tmpfs(storeDir + QStringLiteral("/trove-store-XXXXXX"));
        const std::shared_ptr<Store> store = storeDir.isEmpty() ? m_store : openStore(tmpfs.path());
        const QString path = m_sandbox->path(QStringLiteral("large.bin"));
        const QByteArray fileBytes = testing::randomBytes((9 << 20) + 77, 5), head = testing::randomBytes(4093, 6);
        testing::writeFile(path, fileBytes);
        ObjectBody body;
        body.append(head.constData(), head.size());
        body.appendFile(std::make_shared<const SourceFile>(FileDescriptor::open(path, O_RDONLY), path), 0, fileBytes.size());
        QVERIFY(store->createIfAbsent(key(QStringLiteral("large")), body));
        const QByteArray expected = head + fileBytes;
        const auto info = store->stat(key(QStringLiteral("large")));
        QVERIFY(info);
        QCOMPARE(info->size, expected.size());
        QCOMPARE(Hash::of(store->get(key(QStringLiteral("large")))), Hash::of(expected));
    }

    void createIfAbsentCreatesOnce()
    {
        QVERIFY(m_store->createIfAbsent(key(QStringLiteral("once")), QByteArrayLiteral("first")));
        QVERIFY(!m_store->createIfAbsent(key(QStringLiteral("once")), QByteArrayLiteral("second")));
        QCOMPARE(m_store->get(key(QStringLiteral("once"))), QByteArrayLiteral("first"));
    }

    void createIfAbsentHasOneWinnerUnderRace()
    {
        for (int round = 0; round < 5; ++round) {
            const QString k = key(QStringLiteral("race/%1").arg(round));
            QList<int> contenders(16);
            std::iota(contenders.begin(), contenders.end(), 0);
            QThreadPool pool;
            pool.setMaxThreadCount(16);
            const QList<bool> won = QtConcurrent::blockingMapped(&pool, contenders, [&](int i) {
                return m_store->createIfAbsent(k, QByteArray::number(i));
            });
            QCOMPARE(won.count(true), 1);
            QCOMPARE(m_store->get(k).toInt(), int(won.indexOf(true)));
        }
    }

    void listFiltersSortsAndPages()
    {
        QStringList expected;
        for (int i = 0; i < 25; ++i) {
            const QString k = key(QStringLiteral("list/item-%1").arg(i, 3, 10, QLatin1Char('0')));
            m_store->put(k, QByteArray::number(i));
            expected.append(k);
        }
        m_store->put(key(QStringLiteral("list-other")), QByteArrayLiteral("x"));
        m_store->put(key(QStringLiteral("list/deeper/x")), QByteArrayLiteral("y"));
        expected.append(key(QStringLiteral("list/deeper/x")));
        std::sort(expected.begin(), expected.end());

        QStringList seen;
        QString after;
        int pages = 0;
        for (;;) {
            const ListPage page = m_store->list(key(QStringLiteral("list/")), after, 10);
            ++pages;
            for (const ObjectInfo &o : page.objects)
                seen.append(o.key);
            QVERIFY(page.objects.size() <= 10);
            if (!page.truncated)
                break;
            after = page.objects.last().key;
        }
        QCOMPARE(seen, expected);
        QCOMPARE(pages, 3);
        // A partial name works as a prefix, and start-after skips what came before.
        const ListPage partial = m_store->list(key(QStringLiteral("list/item-01")), QString(), 100);
        QCOMPARE(partial.objects.size(), 10);
        const ListPage later = m_store->list(key(QStringLiteral("list/item-")), key(QStringLiteral("list/item-020")), 100);
        QCOMPARE(later.objects.size(), 4);
        QCOMPARE(later.objects.first().key, key(QStringLiteral("list/item-021")));
        QCOMPARE(m_store->listAll(key(QStringLiteral("list/"))).size(), expected.size());
        QCOMPARE(later.objects.first().size, 2);
    }

    void removeRemovesAndToleratesMissing()
    {
        m_store->put(key(QStringLiteral("gone")), QByteArrayLiteral("x"));
        m_store->remove(key(QStringLiteral("gone")));
        QVERIFY(!m_store->stat(key(QStringLiteral("gone"))));
        m_store->remove(key(QStringLiteral("gone")));
        QVERIFY(m_store->listAll(key(QStringLiteral("gone"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(StoreContractTest)
#include "tst_store_contract.moc"
