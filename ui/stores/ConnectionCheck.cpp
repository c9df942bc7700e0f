#include "ConnectionCheck.h"

#include "Error.h"
#include "S3Store.h"

#include <QUuid>
#include <algorithm>

namespace trove::ui {
namespace {

// The code in brackets lets a user or an administrator look the answer up.
QString answerOf(const S3Store::Response &r)
{
    const QString code = r.code();
    return code.isEmpty() ? QStringLiteral("HTTP %1").arg(r.status) : QStringLiteral("HTTP %1 %2").arg(r.status).arg(code);
}

} // namespace

QList<CheckStep> ConnectionCheck::run(const S3Location &location, const AwsCredentials &credentials)
{
    QList<CheckStep> steps;
    for (const QString &title : {tr("Endpoint reachable"), tr("Keys accepted"), tr("Bucket exists"), tr("Conditional writes honoured")}) {
        steps.append(CheckStep());
        steps.last().title = title;
    }
    auto pass = [&steps](int step, const QString &detail) { steps[step].verdict = CheckStep::Verdict::Passed, steps[step].detail = detail; };
    auto failAt = [&steps](int step, const QString &detail) {
        steps[step].verdict = CheckStep::Verdict::Failed;
        steps[step].detail = detail;
        return steps;
    };
    const QString endpoint = location.endpoint.toString();
    if (!credentials.isComplete())
        return failAt(1, tr("Enter the access key and the secret key."));

    S3Store store(location, credentials);
    S3Store::Response listing;
    try {
        listing = store.send("GET", QString(), QStringLiteral("list-type=2&max-keys=1"));
    } catch (const Error &e) {
        // The engine's message names the request and the store; the transport's words are what matter here.
        const QString why = QString(e.message()).remove(QStringLiteral("GET %1: ").arg(location.displayName()));
        return failAt(0, tr("Trove could not reach %1: %2. Check the endpoint address and that the service is running%3.")
                             .arg(endpoint, why,
                                  location.endpoint.scheme() == QLatin1String("https") ? tr("; for a private certificate authority, choose its CA file") : QString()));
    }
    pass(0, tr("%1 answered.").arg(endpoint));

    const QString code = listing.code();
    static const QStringList keyCodes{QStringLiteral("SignatureDoesNotMatch"), QStringLiteral("InvalidAccessKeyId"),
                                      QStringLiteral("InvalidSecurity"), QStringLiteral("ExpiredToken")};
    if (listing.status == 403 && (keyCodes.contains(code) || code.isEmpty()))
        return failAt(1, tr("The endpoint answered but refused the keys: check the access key and the secret key (%1).").arg(answerOf(listing)));
    if (listing.status == 400 && code == QLatin1String("AuthorizationHeaderMalformed"))
        return failAt(1, tr("The endpoint refused the request's region: check the region (%1).").arg(answerOf(listing)));
    if (listing.status == 403)
        return failAt(1, tr("The keys are known, but they may not list bucket \"%1\": check the bucket policy (%2).").arg(location.bucket, answerOf(listing)));
    if (listing.status == 404 && code == QLatin1String("NoSuchBucket")) {
        pass(1, tr("The endpoint accepted the keys."));
        return failAt(2, tr("Bucket \"%1\" does not exist at %2: check its name, or create it (%3).").arg(location.bucket, endpoint, answerOf(listing)));
    }
    if (listing.status != 200)
        return failAt(1, tr("The endpoint answered listing bucket \"%1\" with an error (%2).").arg(location.bucket, answerOf(listing)));
    pass(1, tr("The endpoint accepted the keys."));
    pass(2, tr("Bucket \"%1\" exists and can be listed.").arg(location.bucket));

    const QString probe = QStringLiteral("probes/connection-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const ObjectBody body(QByteArrayLiteral("probe"));
    try {
        const S3Store::Response first = store.send("PUT", probe, {}, {"If-None-Match: *"}, &body);
        if (first.status != 200)
            return failAt(3, tr("The keys may read but not write under \"%1/%2\" (%3): check the bucket policy.")
                                 .arg(location.bucket, location.prefix, answerOf(first)));
        const S3Store::Response second = store.send("PUT", probe, {}, {"If-None-Match: *"}, &body);
        store.send("DELETE", probe);
        if (second.status == 200)
            return failAt(3, tr("The store ignores conditional writes (If-None-Match): a second create of one key succeeded. "
                                "Trove will not write there, as concurrent commits would overwrite each other; use Ceph RGW, MinIO or AWS S3."));
        if (second.status != 412 && second.status != 409)
            return failAt(3, tr("The second create of the probe key gave an unexpected answer (%1).").arg(answerOf(second)));
    } catch (const Error &e) {
        return failAt(3, tr("The write probe did not complete: %1").arg(e.message()));
    }
    pass(3, tr("A second create of a probe key was refused, as Trove needs; the probe was deleted."));
    return steps;
}

bool ConnectionCheck::allPassed(const QList<CheckStep> &steps)
{
    return std::all_of(steps.cbegin(), steps.cend(), [](const CheckStep &s) { return s.verdict == CheckStep::Verdict::Passed; });
}

} // namespace trove::ui
