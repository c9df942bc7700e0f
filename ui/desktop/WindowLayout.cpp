#include "WindowLayout.h"

#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QTreeView>

namespace trove::ui::WindowLayout {
namespace {

// Version of the saved dock layout: raise it when docks are added or renamed, so an old
// layout is not forced on new docks.
constexpr int StateVersion = 1;

QString keyOf(const QString &kind, const QObject *object) { return QStringLiteral("layout/%1/%2").arg(kind, object->objectName()); }

} // namespace

void save(const QMainWindow *window)
{
    QSettings settings;
    settings.setValue(QStringLiteral("layout/geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("layout/state"), window->saveState(StateVersion));
    for (const QSplitter *splitter : window->findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(keyOf(QStringLiteral("splitter"), splitter), splitter->saveState());
    }
    for (const QTreeView *view : window->findChildren<QTreeView *>()) {
        if (!view->objectName().isEmpty())
            settings.setValue(keyOf(QStringLiteral("header"), view), view->header()->saveState());
    }
}

void restore(QMainWindow *window)
{
    const QSettings settings;
    window->restoreGeometry(settings.value(QStringLiteral("layout/geometry")).toByteArray());
    window->restoreState(settings.value(QStringLiteral("layout/state")).toByteArray(), StateVersion);
    for (QSplitter *splitter : window->findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(settings.value(keyOf(QStringLiteral("splitter"), splitter)).toByteArray());
    }
    for (QTreeView *view : window->findChildren<QTreeView *>()) {
        if (!view->objectName().isEmpty())
            view->header()->restoreState(settings.value(keyOf(QStringLiteral("header"), view)).toByteArray());
    }
}

} // namespace trove::ui::WindowLayout
