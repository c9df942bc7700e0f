// The details pane on a real local store (offscreen): a selected .safetensors file shows its
// tensors and parameter count, a malformed one the parser's message, a text file a preview;
// the tensor table's model holds 10,000 tensors; Compare tensors lists the changed ones.
#include "DetailsPane.h"
#include "MainWindow.h"
#include "RemoteTreeModel.h"
#include "RemoteTreeView.h"
#include "TensorDiffDialog.h"
#include "TensorDiffModel.h"
#include "TensorTableModel.h"
#include "TestSupport.h"
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
    char fill;
};

// A .safetensors file of F32 vectors, each filled with one byte.
QByteArray safetensorsFile(const QList<Vector> &tensors, const QJsonObject &metadata = {})
{
    QJsonObject root{{QStringLiteral("__metadata__"), metadata}};
    QByteArray data;
    for (const auto &[name, elements, fill] : tensors) {
        root.insert(name, QJsonObject{{QStringLiteral("dtype"), QStringLiteral("F32")},
                                      {QStringLiteral("shape"), QJsonArray{elements}},
                                      {QStringLiteral("data_offsets"), QJsonArray{data.size(), data.size() + 4 * elements}}});
        data += QByteArray(4 * elements, fill);
    }
    const QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), length.data());
    return length + json + data;
}

} // namespace

class TstDetailsPane : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
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
        m_sandbox = std::make_unique<testing::Sandbox>();
        qputenv("XDG_CONFIG_HOME", m_sandbox->path(QStringLiteral("config")).toUtf8());
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("demo"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("demo"), {}, repo);
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

        m_window = std::make_unique<MainWindow>(m_sandbox->storeUrl());
        m_window->show();
        QTRY_VERIFY(m_window->currentVolume().has_value());
        QTRY_VERIFY(!m_window->fileModel()->isLoading());
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

    void comparesTensorsBetweenVersions()
    {
        const auto &volume = m_window->currentVolume();
        auto *dialog = new TensorDiffDialog(volume->repository(), volume->info(), QStringLiteral("model.safetensors"), m_first, m_second, m_window.get());
        dialog->show();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isComputing(), 20000);
        QStringList rows;
        for (int row = 0; row < dialog->model()->rowCount(); ++row)
            rows << dialog->model()->index(row, TensorDiffModel::NameColumn).data().toString() + QLatin1Char(' ')
                        + dialog->model()->index(row, TensorDiffModel::ChangeColumn).data().toString();
        QCOMPARE(rows, (QStringList{QStringLiteral("bias added"), QStringLiteral("head changed"), QStringLiteral("norm removed")}));
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
