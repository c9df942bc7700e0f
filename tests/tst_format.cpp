// Format round trips: what one writer stores, every reader must read back identically.
#include "Error.h"
#include "Pack.h"
#include "Repository.h"
#include "Store.h"
#include "TestSupport.h"
#include "Tree.h"
#include "VersionLog.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QtTest>

using namespace trove;

class FormatTest : public QObject
{
    Q_OBJECT

    static Ref someRef(int seed, bool samePack = false)
    {
        Ref r;
        r.hash = Hash::of(QByteArray::number(seed));
        if (!samePack)
            r.pack = Hash::of(QByteArray::number(seed * 7));
        r.offset = seed * 1000;
        r.length = seed + 1;
        return r;
    }

private slots:
    void hashMatchesKnownSha256()
    {
        QCOMPARE(Hash::of(QByteArrayLiteral("abc")).hex(),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(Hash::fromHex(Hash::of(QByteArrayLiteral("abc")).hex()), Hash::of(QByteArrayLiteral("abc")));
        QVERIFY_THROWS_EXCEPTION(Error, Hash::fromHex(QStringLiteral("xyz")));
    }

    void refRoundTripIncludingNullAndSamePack()
    {
        for (const Ref &r : {someRef(1), someRef(2, true), Ref()}) {
            QByteArray bytes;
            QCborStreamWriter writer(&bytes);
            r.writeCbor(writer);
            QVERIFY(Ref::fromCbor(QCborValue::fromCbor(bytes)) == r);
        }
    }

    void treeRoundTrip()
    {
        Tree tree;
        TreeEntry file;
        file.name = QStringLiteral("weights.safetensors");
        file.size = 12345;
        file.mtimeMs = 1700000000123;
        file.mode = 0600;
        file.chunks = {someRef(1), someRef(2)};
        TreeEntry big = file;
        big.name = QStringLiteral("big.bin");
        big.chunks.clear();
        big.chunkList = someRef(3, true);
        TreeEntry dir;
        dir.name = QStringLiteral("checkpoints");
        dir.kind = TreeEntry::Kind::Dir;
        dir.size = 99;
        dir.fileCount = 4;
        dir.subtree = someRef(4);
        TreeEntry unicode = file;
        unicode.name = QStringLiteral("權重 ✓.bin");
        for (const TreeEntry &e : {file, big, dir, unicode})
            tree.upsert(e);
        // Sorted by name whatever the insertion order.
        QCOMPARE(tree.entries.first().name, QStringLiteral("big.bin"));
        const Tree back = Tree::decode(tree.encode(), QStringLiteral("test"));
        QCOMPARE(back.entries.size(), 4);
        for (int i = 0; i < 4; ++i) {
            const TreeEntry &a = tree.entries[i], &b = back.entries[i];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.kind, a.kind);
            QCOMPARE(b.size, a.size);
            QCOMPARE(b.mtimeMs, a.mtimeMs);
            QCOMPARE(b.fileCount, a.fileCount);
            QVERIFY(b.subtree == a.subtree);
            QVERIFY(b.chunkList == a.chunkList);
            QCOMPARE(b.chunks.size(), a.chunks.size());
            if (!a.isDir())
                QCOMPARE(b.mode, a.mode);
        }
        QVERIFY(back.entry(QStringLiteral("權重 ✓.bin")));
    }

    // Any valid CBOR for a tree reads the same, not only the definite lengths Trove writes:
    // indefinite maps and arrays, strings in pieces, keys a later version may add.
    void treeInAnotherEncodingReadsTheSame()
    {
        const Hash chunk = Hash::of(QByteArrayLiteral("chunk"));
        QByteArray b;
        auto text = [&b](const char *t) { b += char(0x60 + int(qstrlen(t))); b += t; };
        b += char(0xbf); // map of unknown length
        text("v");
        b += char(0x01);
        text("e");
        b += char(0x9f); // array of unknown length
        b += char(0xbf);
        b += QByteArray::fromHex("7f616eff"); // "n", in one piece of a chunked string
        b += QByteArray::fromHex("7f626162" "6163ff"); // "abc" as "ab" + "c"
        text("k"); b += char(0x00);
        text("s"); b += char(0x05);
        text("m"); b += char(0x07);
        text("p"); b += QByteArray::fromHex("1901a4"); // 420
        text("zz"); b += char(0x01); // unknown: skipped
        text("c");
        b += char(0x9f);
        b += char(0x84); // a reference: [hash, pack, offset, length]
        b += char(0x5f); // the hash as two byte strings of 16
        b += char(0x50); b += chunk.raw().left(16);
        b += char(0x50); b += chunk.raw().mid(16);
        b += char(0xff);
        b += char(0xf6); // null pack: this pack
        b += char(0x00);
        b += char(0x05);
        b += char(0xff); // chunks
        b += char(0xff); // entry
        b += char(0xff); // entries
        b += char(0xff); // tree
        const Tree tree = Tree::decode(b, QStringLiteral("test"));
        QCOMPARE(tree.entries.size(), 1);
        const TreeEntry &e = tree.entries.first();
        QCOMPARE(e.name, QStringLiteral("abc"));
        QCOMPARE(e.size, 5);
        QCOMPARE(e.mtimeMs, 7);
        QCOMPARE(e.mode, 420u);
        QCOMPARE(e.chunks.size(), 1);
        QVERIFY(e.chunks.first().hash == chunk);
        QVERIFY(e.chunks.first().pack.isNull());
        QCOMPARE(e.chunks.first().length, 5);
    }

    void treeRejectsUnsafeNames()
    {
        for (const QString &name : {QStringLiteral(".."), QStringLiteral("a/b"), QStringLiteral("."), QString()}) {
            QCborMap m{{QStringLiteral("n"), name}, {QStringLiteral("k"), 0}, {QStringLiteral("s"), 0},
                       {QStringLiteral("m"), 0}, {QStringLiteral("p"), 420}, {QStringLiteral("c"), QCborArray()}};
            const QByteArray bytes = QCborMap{{QStringLiteral("v"), 1}, {QStringLiteral("e"), QCborArray{m}}}.toCborValue().toCbor();
            QVERIFY_THROWS_EXCEPTION(Error, Tree::decode(bytes, QStringLiteral("hostile tree")));
        }
    }

    void packDescribesItself()
    {
        PackWriter writer;
        const QByteArray a = QByteArrayLiteral("first blob"), b = testing::randomBytes(100000, 1);
        writer.add(BlobType::Data, Hash::of(a), a.constData(), a.size());
        writer.add(BlobType::Tree, Hash::of(b), b.constData(), b.size());
        const PackWriter::Sealed sealed = writer.seal();
        QVERIFY(writer.isEmpty());
        const QByteArray bytes = sealed.body.toBytes();
        const qint64 indexLength = pack::indexLengthFromTrailer(bytes.right(pack::TrailerSize), QStringLiteral("pack"));
        const QByteArray index = bytes.mid(bytes.size() - pack::TrailerSize - indexLength, indexLength);
        QCOMPARE(Hash::of(index), sealed.name);
        const QList<PackEntry> entries = pack::parseIndex(index, QStringLiteral("pack"));
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[1].type, BlobType::Tree);
        QCOMPARE(bytes.mid(entries[1].offset, entries[1].length), b);
        QCOMPARE(entries[0].hash, Hash::of(a));
        QCOMPARE(pack::nameOfKey(pack::keyOf(sealed.name)), sealed.name);
        QVERIFY(pack::keyOf(sealed.name).startsWith(QStringLiteral("packs/") + sealed.name.hex().left(2) + QLatin1Char('/')));
    }

    void versionRecordRoundTrip()
    {
        VersionRecord r;
        r.version = 42;
        r.parent = 41;
        r.root = someRef(5);
        r.time = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        r.writer = QStringLiteral("ana@gpu-7:1234");
        r.message = QStringLiteral("epoch 3");
        r.commitId = QStringLiteral("c0ffee");
        r.changes = {3, 2, 1};
        const VersionRecord back = VersionRecord::fromJson(r.toJson(), QStringLiteral("test"));
        QCOMPARE(back.version, 42);
        QCOMPARE(back.parent, 41);
        QVERIFY(back.root == r.root);
        QCOMPARE(back.time, r.time);
        QCOMPARE(back.writer, r.writer);
        QCOMPARE(back.message, r.message);
        QCOMPARE(back.commitId, r.commitId);
        QCOMPARE(back.changes.added, 3);
        QCOMPARE(back.changes.removed, 1);
        QVERIFY(VersionRecord::fromJson(VersionRecord().toJson(), QStringLiteral("t")).root.isNull());
        QVERIFY_THROWS_EXCEPTION(Error, VersionRecord::fromJson("{not json", QStringLiteral("t")));
    }

    void damagedBlobIsReportedNotReturned()
    {
        testing::Sandbox sandbox;
        auto repo = sandbox.repository();
        PackWriter writer;
        const QByteArray data = testing::randomBytes(5000, 2);
        const qint64 offset = writer.add(BlobType::Data, Hash::of(data), data.constData(), data.size());
        PackWriter::Sealed sealed = writer.seal();
        QByteArray bytes = sealed.body.toBytes();
        bytes[int(offset + 10)] = char(bytes[int(offset + 10)] ^ 0xff);
        repo->store().put(pack::keyOf(sealed.name), bytes);
        try {
            repo->readBlob({Hash::of(data), sealed.name, offset, data.size()});
            QFAIL("a damaged blob was returned as good data");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Corrupt);
            QVERIFY(e.message().contains(QStringLiteral("does not match its hash")));
        }
    }
};

QTEST_GUILESS_MAIN(FormatTest)
#include "tst_format.moc"
