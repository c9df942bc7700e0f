// The .safetensors header parser on real and hostile headers, the header read from a volume
// (one ranged read of its first chunk), and the tensor diff from headers and chunk refs.
#include "Error.h"
#include "Repository.h"
#include "Safetensors.h"
#include "Store.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtEndian>

using namespace trove;
namespace st = trove::safetensors;

namespace {

struct Spec
{
    QString name;
    QString dtype;
    QList<qint64> shape;
    QByteArray data;
};

QJsonObject entry(const QString &dtype, const QList<qint64> &shape, qint64 begin, qint64 end)
{
    QJsonArray dims;
    for (qint64 d : shape)
        dims.append(d);
    return {{QStringLiteral("dtype"), dtype}, {QStringLiteral("shape"), dims}, {QStringLiteral("data_offsets"), QJsonArray{begin, end}}};
}

QByteArray withLength(const QByteArray &json)
{
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), length.data());
    return length + json;
}

// A .safetensors file as the reference writer lays it out; the JSON is padded with spaces
// to `padTo` bytes (the format allows it), so two versions can keep their data in place.
QByteArray safetensorsFile(const QList<Spec> &tensors, const QJsonObject &metadata = {}, int padTo = 0)
{
    QJsonObject root;
    if (!metadata.isEmpty())
        root.insert(QStringLiteral("__metadata__"), metadata);
    QByteArray data;
    for (const Spec &t : tensors) {
        root.insert(t.name, entry(t.dtype, t.shape, data.size(), data.size() + t.data.size()));
        data += t.data;
    }
    QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    if (json.size() < padTo)
        json += QByteArray(padTo - json.size(), ' ');
    return withLength(json) + data;
}

QByteArray bytesOf(qint64 n, quint64 seed) { return testing::randomBytes(n, seed); }

} // namespace

class TestSafetensors : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;

    // Commits `data` at `path` of the volume; returns the version made.
    static qint64 commitData(Volume &volume, const QString &path, const QByteArray &data)
    {
        volume.putData(data, path);
        return volume.commit().record.version;
    }
    static st::FileHeader headerAt(const std::shared_ptr<Repository> &repo, qint64 version)
    {
        Volume at = Volume::fromName(QStringLiteral("weights"), {.atVersion = version}, repo);
        FileReader reader = at.readFile(QStringLiteral("m.safetensors"));
        return st::readHeader(reader);
    }
    static qint64 bytesRead(Repository &repo) { return repo.store().transfers().bytesMoved(TransferState::Direction::Download); }

private slots:
    void init() { m_sandbox = std::make_unique<testing::Sandbox>(); }
    void cleanup() { m_sandbox.reset(); }

    void parsesARealHeader()
    {
        const QByteArray file = safetensorsFile({{QStringLiteral("embed.weight"), QStringLiteral("F32"), {2, 3}, bytesOf(24, 1)},
                                                 {QStringLiteral("norm"), QStringLiteral("BF16"), {4}, bytesOf(8, 2)},
                                                 {QStringLiteral("step"), QStringLiteral("I64"), {}, bytesOf(8, 3)},
                                                 {QStringLiteral("mask"), QStringLiteral("BOOL"), {3}, bytesOf(3, 4)},
                                                 {QStringLiteral("empty"), QStringLiteral("F16"), {0, 5}, {}}},
                                                {{QStringLiteral("format"), QStringLiteral("pt")}});
        const st::Header h = st::parse(file, file.size());
        QCOMPARE(h.tensors.size(), 5);
        QCOMPARE(h.parameterCount, 6 + 4 + 1 + 3 + 0);
        // By data offset, as they lie in the file.
        QCOMPARE(h.tensors[0].name, QStringLiteral("embed.weight"));
        QCOMPARE(h.tensors[0].shape, (QList<qint64>{2, 3}));
        QCOMPARE(h.tensors[0].end, 24);
        const auto step = std::find_if(h.tensors.begin(), h.tensors.end(), [](const st::Tensor &t) { return t.name == QStringLiteral("step"); });
        QCOMPARE(step->dtype, QStringLiteral("I64"));
        QVERIFY(step->shape.isEmpty());
        QCOMPARE(step->parameters, 1);
        QCOMPARE(h.metadata, (QList<QPair<QString, QString>>{{QStringLiteral("format"), QStringLiteral("pt")}}));
        QCOMPARE(h.dataStart() + 43, file.size());
    }

    void refusesHostileHeaders_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<qint64>("fileSize"); // 0: the file's own
        QTest::addColumn<QString>("message");
        const auto one = [](const QJsonObject &tensor, qint64 dataBytes = 8) {
            return withLength(QJsonDocument(QJsonObject{{QStringLiteral("t"), tensor}}).toJson(QJsonDocument::Compact)) + QByteArray(dataBytes, '\0');
        };
        QByteArray huge(8, '\0');
        qToLittleEndian<quint64>(quint64(1) << 62, huge.data());
        QByteArray overCap(8, '\0');
        qToLittleEndian<quint64>(quint64(st::MaxHeaderLength) + 1, overCap.data());
        const QByteArray valid = one(entry(QStringLiteral("F32"), {2}, 0, 8));
        QTest::newRow("shorter than the length") << QByteArray("\x01\x02\x03", 3) << qint64(0) << "too short for the 8-byte header length";
        QTest::newRow("length past the file") << huge + QByteArray("{}") << qint64(0) << "larger than the file";
        QTest::newRow("length over the cap") << overCap << qint64(200) * 1024 * 1024 << "over the 104857600 bytes a header may have";
        QTest::newRow("truncated") << valid.left(30) << qint64(valid.size()) << "the header is truncated";
        QTest::newRow("bad JSON") << withLength("{\"t\": {") + QByteArray(8, 0) << qint64(0) << "not valid JSON";
        QTest::newRow("not an object") << withLength("[1, 2]") << qint64(0) << "not an object";
        QTest::newRow("tensor not an object") << withLength("{\"t\": 3}") << qint64(0) << "tensor 't' is not a JSON object";
        QTest::newRow("unknown dtype") << one(entry(QStringLiteral("F128"), {1}, 0, 8)) << qint64(0) << "unknown dtype 'F128'";
        QTest::newRow("shape not an array")
            << one({{QStringLiteral("dtype"), QStringLiteral("U8")}, {QStringLiteral("shape"), 3}, {QStringLiteral("data_offsets"), QJsonArray{0, 3}}})
            << qint64(0) << "has no shape array";
        QTest::newRow("negative dimension") << one(entry(QStringLiteral("U8"), {-1}, 0, 8)) << qint64(0) << "shape is not a non-negative integer";
        QTest::newRow("fractional offset")
            << one({{QStringLiteral("dtype"), QStringLiteral("U8")}, {QStringLiteral("shape"), QJsonArray{1}}, {QStringLiteral("data_offsets"), QJsonArray{0.5, 1}}})
            << qint64(0) << "data_offsets begin is not a non-negative integer";
        QTest::newRow("offsets not a pair")
            << one({{QStringLiteral("dtype"), QStringLiteral("U8")}, {QStringLiteral("shape"), QJsonArray{1}}, {QStringLiteral("data_offsets"), "0-1"}})
            << qint64(0) << "no data_offsets pair";
        QTest::newRow("past the end") << one(entry(QStringLiteral("F32"), {4}, 0, 16)) << qint64(0) << "past the end of the file's data (8 bytes)";
        QTest::newRow("begin after end") << one(entry(QStringLiteral("U8"), {0}, 6, 2)) << qint64(0) << "begin 6 after their end 2";
        QTest::newRow("size not dtype x shape") << one(entry(QStringLiteral("F32"), {3}, 0, 8)) << qint64(0) << "holds 8 bytes but its shape [3] of F32 needs 96 bits";
        QTest::newRow("shape overflows")
            << one(entry(QStringLiteral("F64"), {qint64(1) << 40, qint64(1) << 40}, 0, 8)) << qint64(0) << "more than a file can hold";
        QTest::newRow("overlap")
            << withLength(QJsonDocument(QJsonObject{{QStringLiteral("a"), entry(QStringLiteral("U8"), {6}, 0, 6)},
                                                    {QStringLiteral("b"), entry(QStringLiteral("U8"), {4}, 4, 8)}})
                              .toJson(QJsonDocument::Compact))
                   + QByteArray(8, '\0')
            << qint64(0) << "tensors 'a' and 'b' overlap at data offset 4";
        QTest::newRow("metadata not strings")
            << withLength("{\"__metadata__\": {\"epochs\": 3}}") << qint64(0) << "__metadata__ entry 'epochs' is not a string";
    }

    void refusesHostileHeaders()
    {
        QFETCH(QByteArray, file);
        QFETCH(qint64, fileSize);
        QFETCH(QString, message);
        try {
            st::parse(file, fileSize ? fileSize : file.size());
            QFAIL("a hostile header was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Corrupt);
            QVERIFY2(e.message().contains(message), qPrintable(e.message()));
        }
    }

    // The header of a 40 MiB file comes from its first chunk: one ranged read, not the file.
    void readsTheHeaderFromTheFirstChunkOnly()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("weights"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("weights"), {}, repo);
        const QByteArray file = safetensorsFile({{QStringLiteral("a"), QStringLiteral("F32"), {1024, 5120}, bytesOf(20 << 20, 7)},
                                                 {QStringLiteral("b"), QStringLiteral("BF16"), {5120, 2048}, bytesOf(20 << 20, 8)}},
                                                {{QStringLiteral("format"), QStringLiteral("pt")}});
        commitData(volume, QStringLiteral("model.safetensors"), file);

        Volume reader = Volume::fromName(QStringLiteral("weights"), {}, repo);
        const qint64 before = bytesRead(*repo);
        FileReader fileReader = reader.readFile(QStringLiteral("model.safetensors"));
        const st::FileHeader header = st::readHeader(fileReader);
        const qint64 read = bytesRead(*repo) - before;
        qInfo("header read: %lld bytes from the store for a %lld-byte file", read, qint64(file.size()));
        QCOMPARE(header.header.tensors.size(), 2);
        QCOMPARE(header.header.parameterCount, 1024 * 5120 + 5120 * 2048);
        QCOMPARE(header.size, file.size());
        // The first chunk (at most 4 MiB) and the file's chunk list; not the 40 MiB.
        QVERIFY2(read <= qint64(4 << 20) + 64 * 1024, qPrintable(QString::number(read)));
        QVERIFY2(read * 8 < file.size(), qPrintable(QString::number(read)));
        QCOMPARE(header.prefix.size(), header.chunks.first().length);
        QCOMPARE(header.prefix, file.left(header.prefix.size()));
    }

    // Two versions: one tensor edited in its middle, one reshaped, one removed, one added.
    void diffNamesExactlyTheChangedTensors()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("weights"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("weights"), {}, repo);
        const qint64 big = 16 << 20; // four times the largest chunk
        QByteArray edited = bytesOf(big, 12);
        const QList<Spec> v1 = {{QStringLiteral("a"), QStringLiteral("F32"), {big / 4}, bytesOf(big, 11)},
                                {QStringLiteral("b"), QStringLiteral("F16"), {big / 2}, edited},
                                {QStringLiteral("c"), QStringLiteral("BF16"), {big / 2}, bytesOf(big, 13)},
                                {QStringLiteral("d"), QStringLiteral("F32"), {big / 4}, bytesOf(big, 14)},
                                {QStringLiteral("gone"), QStringLiteral("U8"), {16}, bytesOf(16, 15)}};
        edited.replace(big / 2, 4096, bytesOf(4096, 99));
        const QList<Spec> v2 = {v1[0],
                                {QStringLiteral("b"), QStringLiteral("F16"), {big / 2}, edited},
                                v1[2],
                                {QStringLiteral("d"), QStringLiteral("F32"), {big / 8, 2}, v1[3].data},
                                {QStringLiteral("new"), QStringLiteral("U8"), {16}, bytesOf(16, 16)}};
        const qint64 first = commitData(volume, QStringLiteral("m.safetensors"), safetensorsFile(v1, {}, 1024));
        const qint64 second = commitData(volume, QStringLiteral("m.safetensors"), safetensorsFile(v2, {}, 1024));

        const qint64 before = bytesRead(*repo);
        const QList<st::TensorChange> changes = st::diff(headerAt(repo, first), headerAt(repo, second));
        const qint64 read = bytesRead(*repo) - before;

        qInfo("tensor diff: %lld bytes from the store for two %lld-byte versions", read, 4 * big);
        QStringList seen;
        for (const st::TensorChange &c : changes)
            seen << QStringLiteral("%1:%2").arg(c.name).arg(int(c.kind));
        using K = st::TensorChange::Kind;
        QCOMPARE(seen, (QStringList{QStringLiteral("b:%1").arg(int(K::Changed)), QStringLiteral("d:%1").arg(int(K::Reshaped)),
                                    QStringLiteral("gone:%1").arg(int(K::Removed)), QStringLiteral("new:%1").arg(int(K::Added))}));
        QCOMPARE(changes[1].oldShape, (QList<qint64>{big / 4}));
        QCOMPARE(changes[1].newShape, (QList<qint64>{big / 8, 2}));
        // Two first chunks, two chunk lists and the volume's records: no tensor data.
        QVERIFY2(read <= 2 * (qint64(4 << 20) + 64 * 1024), qPrintable(QString::number(read)));
    }

    // An edit in the few bytes a tensor shares a chunk with its neighbour cannot be pinned on
    // either tensor from chunk refs: both are reported Undetermined, never unchanged.
    void diffSaysWhenItCannotTell()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("weights"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("weights"), {}, repo);
        const qint64 big = 16 << 20;
        const QList<Spec> v1 = {{QStringLiteral("a"), QStringLiteral("U8"), {big}, bytesOf(big, 21)},
                                {QStringLiteral("b"), QStringLiteral("U8"), {big}, bytesOf(big, 22)}};
        QList<Spec> v2 = v1;
        v2[1].data[0] = char(~v2[1].data[0]); // b's first byte: in the chunk that spans a's end
        const qint64 first = commitData(volume, QStringLiteral("m.safetensors"), safetensorsFile(v1));
        const qint64 second = commitData(volume, QStringLiteral("m.safetensors"), safetensorsFile(v2));
        const QList<st::TensorChange> changes = st::diff(headerAt(repo, first), headerAt(repo, second));
        QVERIFY(!changes.isEmpty());
        bool sawB = false;
        for (const st::TensorChange &c : changes) {
            QVERIFY(c.kind == st::TensorChange::Kind::Undetermined || (c.name == QStringLiteral("b") && c.kind == st::TensorChange::Kind::Changed));
            sawB = sawB || c.name == QStringLiteral("b");
        }
        QVERIFY(sawB);
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
