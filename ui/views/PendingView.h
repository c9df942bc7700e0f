#pragma once

#include <QListView>

namespace trove::ui {

// The list of pending changes; when it is empty it says how changes get there.
class PendingView : public QListView
{
    Q_OBJECT
public:
    explicit PendingView(QWidget *parent = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace trove::ui
