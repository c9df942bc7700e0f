#pragma once

#include <QString>

class QWidget;

namespace trove::ui {

// Asked when the window closes with pending changes.
class QuitDialog
{
public:
    enum class Answer { Commit, Keep, Discard, Cancel };
    static Answer ask(QWidget *parent, const QString &volume, int changes);
};

} // namespace trove::ui
