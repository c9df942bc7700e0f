#pragma once

#include "AwsCredentials.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace trove {
struct S3Location;
}

namespace trove::ui {

// One step of "Test connection" and its verdict in words a user acts on.
struct CheckStep
{
    enum class Verdict { Passed, Failed, NotRun };
    QString title;  // "Endpoint reachable"
    Verdict verdict = Verdict::NotRun;
    QString detail; // what was found, or what is wrong and what to do
};

// Tests an S3 store the way Trove will use it, step by step: the endpoint answers, it
// accepts the keys, the bucket exists, and it honours conditional writes (a second
// create-if-absent of a probe key under the prefix is refused; the probe is deleted). Steps
// after a failed one are not run. Blocking: run it on EnginePool.
class ConnectionCheck
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionCheck)
public:
    static QList<CheckStep> run(const S3Location &location, const AwsCredentials &credentials);
    static bool allPassed(const QList<CheckStep> &steps);
};

} // namespace trove::ui
