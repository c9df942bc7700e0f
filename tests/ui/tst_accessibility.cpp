// Every interactive control of the main window and its dialogs has an accessible name, and
// buttons are named by their visible label; the views carry the names the GUI tests use.
#include "AppTestSupport.h"
#include "CommitDialog.h"
#include "ConflictDialog.h"
#include "HistoryDialog.h"
#include "HistoryModel.h"
#include "MainWindow.h"
#include "RemoteTreeModel.h"
#include "Repository.h"
#include "Volume.h"
#include "VolumeDialog.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QtTest>

using namespace trove;
using namespace trove::ui;

namespace {

bool isInteractive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::List:
    case QAccessible::Tree:
    case QAccessible::Table:
    case QAccessible::PageTab:
    case QAccessible::MenuItem:
        return true;
    default:
        return false;
    }
}

// Walks the accessible tree below `iface`, skipping item-view cells (named by their data) and
// invisible parts; returns the controls without a name, and the named ones by role.
void walk(QAccessibleInterface *iface, QStringList &unnamed, QMultiHash<QAccessible::Role, QString> &named, int depth = 0)
{
    if (!iface || depth > 40 || iface->state().invisible)
        return;
    const QAccessible::Role role = iface->role();
    const QString name = iface->text(QAccessible::Name);
    if (isInteractive(role)) {
        QObject *object = iface->object();
        if (name.trimmed().isEmpty())
            unnamed << QStringLiteral("%1 (role %2, object %3)")
                           .arg(object ? QString::fromLatin1(object->metaObject()->className()) : QStringLiteral("?"))
                           .arg(int(role))
                           .arg(object ? object->objectName() : QString());
        named.insert(role, name);
        if (auto *button = qobject_cast<QAbstractButton *>(object); button && !button->text().isEmpty())
            QCOMPARE(name, button->text().remove(QLatin1Char('&')));
    }
    if (role == QAccessible::Tree || role == QAccessible::Table || role == QAccessible::List)
        return; // cells: named by the model's data
    for (int i = 0; i < iface->childCount(); ++i)
        walk(iface->child(i), unnamed, named, depth + 1);
}

} // namespace

class TstAccessibility : public QObject
{
    Q_OBJECT

private:
    testing::AppSandbox m_sandbox;

    void checkWidget(QWidget *widget, QMultiHash<QAccessible::Role, QString> *namedOut = nullptr)
    {
        QStringList unnamed;
        QMultiHash<QAccessible::Role, QString> named;
        walk(QAccessible::queryAccessibleInterface(widget), unnamed, named);
        QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("unnamed controls in %1:\n  ").arg(widget->objectName()) + unnamed.join(QStringLiteral("\n  "))));
        QVERIFY(!named.isEmpty());
        if (namedOut)
            *namedOut = named;
    }

private slots:
    void initTestCase()
    {
        Volume volume = m_sandbox.head();
        volume.putData("x", QStringLiteral("folder/file.txt"));
        volume.commit();
    }

    void mainWindowControlsAreNamed()
    {
        const auto window = m_sandbox.openWindow();
        window->showError(QStringLiteral("Could not do it."), QStringLiteral("Retry"));
        QMultiHash<QAccessible::Role, QString> named;
        checkWidget(window.get(), &named);
        QVERIFY(named.values(QAccessible::Tree).contains(QStringLiteral("Files")));
        QVERIFY(named.values(QAccessible::List).contains(QStringLiteral("Volumes")));
        QVERIFY(named.values(QAccessible::List).contains(QStringLiteral("Pending changes")));
        QVERIFY(named.values(QAccessible::EditableText).contains(QStringLiteral("Filter")));
        for (const char *button : {"Commit", "Reload", "Upload Files…", "Upload Folder…", "Download…", "New Folder", "Rename", "Delete", "Copy",
                                   "History", "Retry", "Dismiss"})
            QVERIFY2(named.values(QAccessible::PushButton).contains(QString::fromUtf8(button)), button);
    }

    void dialogControlsAreNamed()
    {
        Volume volume = m_sandbox.head();
        HistoryDialog history(volume);
        history.show();
        QTRY_COMPARE(history.historyModel()->rowCount(), int(volume.version()));
        checkWidget(&history);
        VolumeDialog create(VolumeDialog::Mode::Create, {});
        create.show();
        checkWidget(&create);
        VolumeDialog fork(VolumeDialog::Mode::Fork, QStringLiteral("demo"));
        fork.show();
        checkWidget(&fork);
        CommitDialog commit(QStringLiteral("demo"), {QStringLiteral("Upload file a.txt")});
        commit.show();
        checkWidget(&commit);
        ConflictDialog clash(QStringLiteral("folder/file.txt"), false, QStringLiteral("demo"), 2, nullptr);
        clash.show();
        QMultiHash<QAccessible::Role, QString> named;
        checkWidget(&clash, &named);
        for (const char *button : {"Replace", "Skip", "Keep Both"})
            QVERIFY2(named.values(QAccessible::PushButton).contains(QString::fromUtf8(button)), button);
        QVERIFY(named.values(QAccessible::CheckBox).contains(QStringLiteral("Apply to all 2 other clashes of this drop")));
    }
};

QTEST_MAIN(TstAccessibility)
#include "tst_accessibility.moc"
