// The details pane on a real local store (offscreen): a selected .safetensors file shows its
// tensors and parameter count, a malformed one the parser's message, a text file a preview;
// the tensor table's model holds 10,000 tensors; History's Compare tensors… lists the changed
// ones without reading tensor data.
#include "AppTestSupport.h"
#include "DetailsPane.h"
#include "DiffModel.h"
#include "HistoryDialog.h"
#include "HistoryModel.h"
#include "MainWindow.h"
#include "RemoteTreeModel.h"
#include "RemoteTreeView.h"
#include "Repository.h"
#include "Store.h"
#include "TensorDiffDialog.h"
#include "TensorDiffModel.h"
#include "TensorTableModel.h"
#include "Volume.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QtEndian>
#include <QtTest>

using namespace trove;
using namespace trove::ui;

namespace {

struct Vector
{
    QString name;
    int elements;
    char seed;
};

// A .safetensors file of F32 vectors, each of pseudo-random bytes from its seed, stored in
// the order given.
QByteArray safetensorsFile(const QList<Vector> &tensors, const QJsonObject &metadata = {})
{
    QJsonObject root{{QStringLiteral("__metadata__"), metadata}};
    QByteArray data;
    for (const auto &[name, elements, seed] : tensors) {
        root.insert(name, QJsonObject{{QStringLiteral("dtype"), QStringLiteral("F32")},
                                      {QStringLiteral("shape"), QJsonArray{elements}},
                                      {QStringLiteral("data_offsets"), QJsonArray{data.size(), data.size() + 4 * elements}}});
        data += testing::randomBytes(4 * qint64(elements), quint64(seed));
    }
    const QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), length.data());
    return length + json + data;
}

// "name change" for every row of a tensor diff.
QStringList changedTensors(const TensorDiffDialog &dialog)
{
    QStringList rows;
    for (int row = 0; row < dialog.model()->rowCount(); ++row)
        rows << dialog.model()->index(row, TensorDiffModel::NameColumn).data().toString() + QLatin1Char(' ')
                    + dialog.model()->index(row, TensorDiffModel::ChangeColumn).data().toString();
    return rows;
}

qint64 bytesRead(Repository &repo) { return repo.store().transfers().bytesMoved(TransferState::Direction::Download); }

} // namespace

class TstDetailsPane : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::AppSandbox> m_sandbox;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_first = 0; // the versions the two commits made
    qint64 m_second = 0;

    DetailsPane *select(const QString &path)
    {
        m_window->fileView()->setCurrentIndex(m_window->fileModel()->indexForPath(path));
        auto *pane = m_window->findChild<DetailsPane *>();
        [&] { QTRY_COMPARE(pane->path(), path); }();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy(), 20000); }();
        return pane;
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::AppSandbox>();
        Volume volume = m_sandbox->head();
        const QJsonObject metadata{{QStringLiteral("format"), QStringLiteral("pt")}};
        volume.putData(safetensorsFile({{QStringLiteral("embed"), 1000, 'a'}, {QStringLiteral("head"), 24, 'b'}, {QStringLiteral("norm"), 8, 'c'}}, metadata),
                       QStringLiteral("model.safetensors"));
        volume.putData("{\"hidden_size\": 4096}\n", QStringLiteral("config.json"));
        QByteArray bad = safetensorsFile({{QStringLiteral("w"), 4, 'w'}});
        qToLittleEndian<quint64>(quint64(1) << 40, bad.data());
        volume.putData(bad, QStringLiteral("broken.safetensors"));
        m_first = volume.commit().record.version;
        // The second version: "head" rewritten, "norm" gone, "bias" new.
        volume.putData(safetensorsFile({{QStringLiteral("embed"), 1000, 'a'}, {QStringLiteral("head"), 24, 'h'}, {QStringLiteral("bias"), 8, 'c'}}, metadata),
                       QStringLiteral("model.safetensors"));
        m_second = volume.commit().record.version;

        m_window = m_sandbox->openWindow();
    }

    void cleanup()
    {
        m_window.reset();
        m_sandbox.reset();
    }

    void showsTheTensorsOfASafetensorsFile()
    {
        DetailsPane *pane = select(QStringLiteral("model.safetensors"));
        QCOMPARE(pane->tensorModel()->rowCount(), 3);
        QCOMPARE(pane->tensorModel()->index(0, TensorTableModel::NameColumn).data().toString(), QStringLiteral("embed"));
        QCOMPARE(pane->tensorModel()->index(0, TensorTableModel::ShapeColumn).data().toString(), QStringLiteral("[1000]"));
        QCOMPARE(pane->tensorModel()->index(0, TensorTableModel::ParametersColumn).data(TensorTableModel::SortRole).toLongLong(), 1000);
        QCOMPARE(pane->parametersText(), QStringLiteral("Tensors: 3    Parameters: %1").arg(QLocale().toString(1032)));
        QCOMPARE(pane->findChild<QLabel *>(QStringLiteral("metadata"))->text(), QStringLiteral("format: pt"));
        QCOMPARE(pane->fieldText(QStringLiteral("changedIn")), QStringLiteral("%1, %2").arg(m_second).arg(m_first));
        QCOMPARE(pane->fieldText(QStringLiteral("chunks")), QStringLiteral("1"));
        QCOMPARE(pane->fieldText(QStringLiteral("mode")), QStringLiteral("0644"));
        QVERIFY(!pane->fieldText(QStringLiteral("sharedStore")).contains(QStringLiteral("computing")));
        QVERIFY(pane->messageText().isEmpty());
        QVERIFY(pane->compareButton()->isEnabled());
    }

    void showsTheMessageOfAMalformedHeader()
    {
        DetailsPane *pane = select(QStringLiteral("broken.safetensors"));
        QVERIFY2(pane->messageText().contains(QStringLiteral("header length 1099511627776 is larger than the file")), qPrintable(pane->messageText()));
        QCOMPARE(pane->tensorModel()->rowCount(), 0);
    }

    void previewsATextFile()
    {
        DetailsPane *pane = select(QStringLiteral("config.json"));
        QCOMPARE(pane->previewText(), QStringLiteral("{\"hidden_size\": 4096}\n"));
        QCOMPARE(pane->fieldText(QStringLiteral("changedIn")), QString::number(m_first));
    }

    // History: compare two versions, select the changed .safetensors file, Compare tensors…:
    // the tensors that differ, from the headers and chunk refs; the 24 MiB tensor is not read.
    void historyComparesTheTensorsOfTwoVersions()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("weights"), 2, repo);
        Volume weights = Volume::fromName(QStringLiteral("weights"), {}, repo);
        const int big = 6 << 20; // F32 elements: 24 MiB, several chunks after the first
        const QByteArray v1 = safetensorsFile({{QStringLiteral("head"), 24, 'b'}, {QStringLiteral("norm"), 8, 'c'}, {QStringLiteral("embed"), big, 'e'}});
        weights.putData(v1, QStringLiteral("model.safetensors"));
        weights.putData("{\"hidden_size\": 4096}\n", QStringLiteral("config.json"));
        const qint64 first = weights.commit().record.version;
        weights.putData(safetensorsFile({{QStringLiteral("head"), 24, 'h'}, {QStringLiteral("bias"), 8, 'c'}, {QStringLiteral("embed"), big, 'e'}}),
                        QStringLiteral("model.safetensors"));
        weights.putData("{\"hidden_size\": 8192}\n", QStringLiteral("config.json"));
        const qint64 second = weights.commit().record.version;

        HistoryDialog history(weights);
        history.show();
        QTRY_COMPARE(history.historyModel()->rowCount(), int(second));
        history.compare(first, second);
        QTRY_COMPARE(history.diffModel()->rowCount(), 2);
        auto *compareTensors = history.findChild<QPushButton *>(QStringLiteral("historyCompareTensors"));
        QCOMPARE(compareTensors->accessibleName(), compareTensors->text());
        QVERIFY(!compareTensors->isEnabled());
        const auto selectRow = [&](const QString &path) {
            for (int row = 0; row < history.diffModel()->rowCount(); ++row)
                if (history.diffModel()->index(row, DiffModel::PathColumn).data().toString() == path)
                    history.comparisonView()->selectRow(row);
        };
        selectRow(QStringLiteral("config.json"));
        QVERIFY(!compareTensors->isEnabled()); // not a .safetensors file
        selectRow(QStringLiteral("model.safetensors"));
        QVERIFY(compareTensors->isEnabled());

        const qint64 before = bytesRead(*repo);
        compareTensors->click();
        auto *dialog = history.findChild<TensorDiffDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isComputing(), 20000);
        const qint64 read = bytesRead(*repo) - before;
        qInfo("tensor diff from History: %lld bytes from the store for two %lld-byte versions", read, qint64(v1.size()));
        QCOMPARE(changedTensors(*dialog), (QStringList{QStringLiteral("bias added"), QStringLiteral("head changed"), QStringLiteral("norm removed")}));
        QVERIFY2(read * 3 < v1.size(), qPrintable(QString::number(read))); // two first chunks and chunk lists, not the tensor
    }

    void holdsTenThousandTensors()
    {
        QList<safetensors::Tensor> tensors;
        for (int i = 0; i < 10000; ++i)
            tensors.append({QStringLiteral("layers.%1.weight").arg(i), QStringLiteral("BF16"), {64, 64}, 8192LL * i, 8192LL * (i + 1), 4096});
        TensorTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTensors(tensors);
        QCOMPARE(model.rowCount(), 10000);
        QTableView view;
        view.setModel(&model);
        view.resize(400, 300);
        view.show();
        QElapsedTimer timer;
        timer.start();
        for (int step = 0; step < 50; ++step) {
            view.scrollTo(model.index(step * 200, 0));
            view.grab(); // paints the rows in view
        }
        qInfo("50 scrolls and paints over 10,000 tensors: %lld ms", timer.elapsed());
        QVERIFY(timer.elapsed() < 5000);
        model.setTensors({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TstDetailsPane)
#include "tst_detailspane.moc"
