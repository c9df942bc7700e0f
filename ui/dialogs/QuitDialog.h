#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace trove::ui {

// Asked when the window closes with pending changes.
class QuitDialog
{
    Q_DECLARE_TR_FUNCTIONS(trove::ui::QuitDialog)
public:
    enum class Answer { Commit, Keep, Discard, Cancel };
    static Answer ask(QWidget *parent, const QString &volume, int changes);
};

} // namespace trove::ui
