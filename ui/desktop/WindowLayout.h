#pragma once

class QMainWindow;

namespace trove::ui {

// The window's layout between runs, in QSettings: geometry, toolbars and docks, every named
// splitter and every named tree view's header (column widths, order, sort).
namespace WindowLayout {
void save(const QMainWindow *window);
void restore(QMainWindow *window);
} // namespace WindowLayout

} // namespace trove::ui
