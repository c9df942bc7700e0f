#pragma once

#include "AwsCredentials.h"
#include "HttpEngine.h"
#include "Store.h"

#include <QMutex>
#include <QUrl>
#include <atomic>
#include <memory>
#include <vector>

typedef void CURL;

namespace trove {

struct S3Location
{
    QString bucket;
    QString prefix;      // "" or ending in '/'
    QUrl endpoint;       // scheme://host[:port]
    QString region = QStringLiteral("us-east-1");
    bool pathStyle = true;
    QString caFile;      // extra CA bundle; the system CAs are always used otherwise
    QString profile;

    // s3://bucket[/prefix]?endpoint=URL&region=R&addressing=path|virtual&ca-file=PATH&profile=P
    static S3Location parse(const QString &url);
    QString displayName() const; // the URL without secrets
};

// Any S3-compatible object store over libcurl, signed with libcurl's own SigV4. Calls block
// their thread while the store's HttpEngine runs the request with all others in flight.
// Conditional creation uses `If-None-Match: *`; before the first write the store is probed,
// and one that ignores the header is refused: it would silently overwrite versions.
class S3Store : public Store
{
public:
    S3Store(const S3Location &location, const AwsCredentials &credentials);
    ~S3Store() override;

    QString displayName() const override { return m_location.displayName(); }
    QByteArray get(const QString &key) override;
    QByteArray getRange(const QString &key, qint64 offset, qint64 length) override;
    bool probesUploadStreams() const override { return true; }
    void put(const QString &key, const ObjectBody &data) override;
    bool createIfAbsent(const QString &key, const ObjectBody &data) override;
    ListPage list(const QString &prefix, const QString &startAfter, int maxKeys) override;
    void remove(const QString &key) override;
    std::optional<ObjectInfo> stat(const QString &key) override;
    // Probes once that the endpoint honours If-None-Match (a second create of a probe key
    // must fail), and refuses to write where it does not.
    void prepareForWrites() override;

    void setBandwidthLimit(qint64 bytesPerSecond) override
    {
        m_sendLimit.setRate(bytesPerSecond);
        m_receiveLimit.setRate(bytesPerSecond);
    }

    // Creates the bucket if it does not exist (tests and first-time set-up).
    void ensureBucket();

    // Sets up libcurl's SigV4 signing on `curl` and returns the headers a signed request must
    // carry (RGW and AWS need x-amz-content-sha256 to be present). One place for it, shared
    // with the known-answer tests.
    static QList<QByteArray> applySigning(CURL *curl, const QString &region, const AwsCredentials &credentials,
                                          const QByteArray &payloadHash);
    static QByteArray payloadHash(const ObjectBody *body);

    struct Response
    {
        long status = 0;
        QByteArray body;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QString code() const; // the S3 error code of the body ("NoSuchBucket"), or ""
    };
    // One request sent as is and its answer left unjudged, for a connection check that
    // explains each status in its own words. An empty `key` addresses the bucket, with
    // `query` (sorted and encoded, as SigV4 signs it). Throws only when no answer came.
    Response send(const QByteArray &method, const QString &key, const QString &query = {},
                  const QList<QByteArray> &headers = {}, const ObjectBody *body = nullptr);

private:
    struct Request;
    Response perform(const Request &request);
    QString objectUrl(const QString &key) const;
    QString bucketUrl(const QString &query) const;
    [[noreturn]] void raise(const Response &r, const QString &what) const;

    CURL *acquire();
    void release(CURL *handle);

    S3Location m_location;
    AwsCredentials m_credentials;
    QMutex m_poolMutex;
    std::vector<CURL *> m_pool;
    std::atomic<bool> m_probed{false};
    RateLimiter m_sendLimit;    // shared by every request in flight: the
    RateLimiter m_receiveLimit; // total of each direction holds to --limit-rate
    QMutex m_probeMutex;
    HttpEngine m_engine; // last: its thread stops before the handles above go
};

} // namespace trove
