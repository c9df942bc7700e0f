#include "S3Store.h"

#include "CancelScope.h"
#include "Error.h"
#include "Hash.h"

#include <QFile>
#include <QUrlQuery>
#include <QUuid>
#include <QXmlStreamReader>
#include <curl/curl.h>
#include <optional>

namespace trove {
namespace {

struct CurlGlobal
{
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

void initCurlOnce() { static CurlGlobal global; }

// RAII for a curl header list.
struct HeaderList
{
    curl_slist *list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
    void add(const QByteArray &line) { list = curl_slist_append(list, line.constData()); }
};

// A request's place under a rate limit: its handle, the engine that pauses it, the limit.
struct Throttle
{
    CURL *easy;
    HttpEngine &engine;
    RateLimiter &limiter;

    bool holdBack() const { return engine.holdBack(easy, limiter); }
};

struct ReplyBody
{
    S3Store::Response &response;
    Throttle throttle;
};

size_t appendBody(char *data, size_t size, size_t count, void *user)
{
    auto *reply = static_cast<ReplyBody *>(user);
    if (reply->throttle.holdBack())
        return CURL_WRITEFUNC_PAUSE; // libcurl keeps these bytes and hands them in again
    reply->response.body.append(data, qsizetype(size * count));
    reply->throttle.limiter.take(qint64(size * count));
    return size * count;
}

// What libcurl's header callback needs: where headers go, and the engine to acknowledge on.
struct ReplyContext
{
    S3Store::Response &response;
    HttpEngine &engine;
};

size_t collectHeader(char *data, size_t size, size_t count, void *user)
{
    auto *context = static_cast<ReplyContext *>(user);
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    if (line.startsWith("HTTP/")) // the status line: the body follows once this is acknowledged
        context->engine.acknowledgeNow();
    const int colon = line.indexOf(':');
    if (colon > 0)
        context->response.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    return size * count;
}

// S3's encoding of a key in a path or a query value: everything but unreserved characters.
QByteArray encode(const QString &text, const QByteArray &keep = {}) { return QUrl::toPercentEncoding(text, keep); }

QString xmlValue(const QByteArray &xml, const QString &element)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == element)
            return reader.readElementText();
    }
    return {};
}

const QByteArray EmptyPayloadHash = QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

} // namespace

struct S3Store::Request
{
    QByteArray method = "GET";
    QString url;
    const ObjectBody *body = nullptr;
    QList<QByteArray> headers;
    QString objectKey; // reported as a transfer when set (object GETs and PUTs)
    qint64 expectedLength = 0; // of the answer's body, when known: reserved up front
};

namespace {

// What libcurl's progress callback needs: the transfer to move and the caller's cancel flag.
struct ProgressContext
{
    ProgressContext(TransferMonitor &monitor, const QString &key, TransferState::Direction direction, qint64 total)
        : transfer(monitor, key, direction, total), cancelled(CancelScope::current()) {}
    TransferMonitor::Scope transfer;
    const std::atomic<bool> *cancelled; // the calling thread's, read on the engine's
};

// libcurl's progress callback, on the engine's thread: moves the transfer's counters, and
// aborts the request (non-zero) once its operation is cancelled.
int reportProgress(void *user, curl_off_t downloadTotal, curl_off_t downloaded, curl_off_t uploadTotal, curl_off_t uploaded)
{
    auto *context = static_cast<ProgressContext *>(user);
    if (uploadTotal > 0)
        context->transfer.update(qint64(uploaded), qint64(uploadTotal));
    else
        context->transfer.update(qint64(downloaded), qint64(downloadTotal));
    return context->cancelled && context->cancelled->load() ? 1 : 0;
}

// Feeds a request body to libcurl from its parts, on the engine's thread. A source file that
// cannot be read (or changed) ends the request; its error is raised after it.
struct BodyReader
{
    const ObjectBody &body;
    Throttle throttle;
    qint64 position = 0;
    std::exception_ptr error;
};

size_t readBody(char *buffer, size_t size, size_t count, void *user)
{
    auto *reader = static_cast<BodyReader *>(user);
    if (reader->throttle.holdBack())
        return CURL_READFUNC_PAUSE;
    const qint64 n = qMin(qint64(size * count), reader->body.size() - reader->position);
    try {
        reader->body.read(reader->position, buffer, n);
    } catch (...) {
        reader->error = std::current_exception();
        return CURL_READFUNC_ABORT;
    }
    reader->position += n;
    reader->throttle.limiter.take(n);
    return size_t(n);
}

// libcurl rewinds a body to send it again (a redirect, a reused connection that had closed).
int seekBody(void *user, curl_off_t offset, int origin)
{
    auto *reader = static_cast<BodyReader *>(user);
    if (origin != SEEK_SET || offset < 0 || offset > reader->body.size())
        return CURL_SEEKFUNC_CANTSEEK;
    reader->position = qint64(offset);
    return CURL_SEEKFUNC_OK;
}

} // namespace

S3Location S3Location::parse(const QString &url)
{
    const QUrl u(url);
    if (u.scheme() != QLatin1String("s3") || u.host().isEmpty())
        fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is not an S3 store URL; use s3://BUCKET/PREFIX?endpoint=http://HOST:PORT&region=REGION").arg(url));
    S3Location l;
    l.bucket = u.host();
    l.prefix = u.path().mid(1);
    if (!l.prefix.isEmpty() && !l.prefix.endsWith(QLatin1Char('/')))
        l.prefix += QLatin1Char('/');
    const QUrlQuery q(u);
    // A misspelt option must not be ignored silently (a CA file that is not used, say), and
    // there is deliberately no option that turns certificate checks off.
    static const QStringList known{QStringLiteral("endpoint"), QStringLiteral("region"), QStringLiteral("addressing"),
                                   QStringLiteral("ca-file"), QStringLiteral("profile")};
    for (const auto &item : q.queryItems()) {
        if (!known.contains(item.first))
            fail(Error::Kind::InvalidArgument, QStringLiteral("unknown option '%1' in store URL '%2'; the options are %3")
                                                   .arg(item.first, url, known.join(QStringLiteral(", "))));
    }
    const AwsCredentials fromProfile = AwsCredentials::resolve(q.queryItemValue(QStringLiteral("profile")));
    l.profile = q.queryItemValue(QStringLiteral("profile"));
    const QString endpoint = q.hasQueryItem(QStringLiteral("endpoint")) ? q.queryItemValue(QStringLiteral("endpoint"), QUrl::FullyDecoded)
                                                                        : fromProfile.endpointUrl;
    if (q.hasQueryItem(QStringLiteral("region")))
        l.region = q.queryItemValue(QStringLiteral("region"));
    else if (!fromProfile.region.isEmpty())
        l.region = fromProfile.region;
    l.endpoint = QUrl(endpoint.isEmpty() ? QStringLiteral("https://s3.%1.amazonaws.com").arg(l.region) : endpoint);
    if (!l.endpoint.isValid() || (l.endpoint.scheme() != QLatin1String("http") && l.endpoint.scheme() != QLatin1String("https")))
        fail(Error::Kind::InvalidArgument, QStringLiteral("endpoint '%1' of store '%2' must be an http:// or https:// URL").arg(endpoint, url));
    // Custom endpoints (Ceph RGW, MinIO) usually want path-style; AWS prefers virtual hosts.
    const QString addressing = q.queryItemValue(QStringLiteral("addressing"));
    l.pathStyle = addressing.isEmpty() ? !endpoint.isEmpty() : addressing == QLatin1String("path");
    l.caFile = q.queryItemValue(QStringLiteral("ca-file"), QUrl::FullyDecoded);
    return l;
}

QString S3Location::displayName() const
{
    return QStringLiteral("s3://%1/%2 at %3").arg(bucket, prefix, endpoint.toString());
}

S3Store::S3Store(const S3Location &location, const AwsCredentials &credentials)
    : m_location(location), m_credentials(credentials)
{
    initCurlOnce();
    if (!m_credentials.isComplete())
        fail(Error::Kind::InvalidArgument,
             QStringLiteral("no S3 credentials for %1: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, save keys with `trove-cli login`, or use AWS_PROFILE with ~/.aws/credentials").arg(displayName()));
}

S3Store::~S3Store()
{
    for (CURL *h : m_pool)
        curl_easy_cleanup(h);
}

CURL *S3Store::acquire()
{
    QMutexLocker lock(&m_poolMutex);
    if (m_pool.empty())
        return curl_easy_init();
    CURL *h = m_pool.back();
    m_pool.pop_back();
    return h;
}

void S3Store::release(CURL *handle)
{
    QMutexLocker lock(&m_poolMutex);
    m_pool.push_back(handle);
}

QString S3Store::objectUrl(const QString &key) const
{
    const QString path = QString::fromLatin1(encode(m_location.prefix + key, "/"));
    QUrl base = m_location.endpoint;
    if (m_location.pathStyle)
        return base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash) + QLatin1Char('/') + m_location.bucket + QLatin1Char('/') + path;
    base.setHost(m_location.bucket + QLatin1Char('.') + base.host());
    return base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash) + QLatin1Char('/') + path;
}

QString S3Store::bucketUrl(const QString &query) const
{
    QUrl base = m_location.endpoint;
    QString url;
    if (m_location.pathStyle) {
        url = base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash) + QLatin1Char('/') + m_location.bucket;
    } else {
        base.setHost(m_location.bucket + QLatin1Char('.') + base.host());
        url = base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash) + QLatin1Char('/');
    }
    return query.isEmpty() ? url : url + QLatin1Char('?') + query;
}

QByteArray S3Store::payloadHash(const ObjectBody *body)
{
    // A pack's bytes are not hashed again for the signature: that second SHA-256 pass over
    // everything uploaded cost a third of an upload's CPU (on cores the server shares), and
    // its readers verify every chunk they use.
    if (body && body->isVerifiedOnRead())
        return QByteArrayLiteral("UNSIGNED-PAYLOAD");
    return body ? body->sha256().hex().toLatin1() : EmptyPayloadHash;
}

QList<QByteArray> S3Store::applySigning(CURL *curl, const QString &region, const AwsCredentials &credentials, const QByteArray &payloadHash)
{
    // libcurl copies these strings.
    curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, QByteArray("aws:amz:" + region.toUtf8() + ":s3").constData());
    curl_easy_setopt(curl, CURLOPT_USERNAME, credentials.accessKeyId.toUtf8().constData());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, credentials.secretAccessKey.toUtf8().constData());
    QList<QByteArray> headers{"x-amz-content-sha256: " + payloadHash};
    if (!credentials.sessionToken.isEmpty())
        headers.append("x-amz-security-token: " + credentials.sessionToken.toUtf8());
    return headers;
}

S3Store::Response S3Store::perform(const Request &request)
{
    CURL *h = acquire();
    curl_easy_reset(h); // keeps the connection and the TLS session
    Response response;
    response.body.reserve(request.expectedLength); // no regrowing a 16 MiB range as it arrives
    HeaderList headers;
    const QByteArray url = request.url.toUtf8();
    curl_easy_setopt(h, CURLOPT_URL, url.constData());
    for (const QByteArray &line : applySigning(h, m_location.region, m_credentials, payloadHash(request.body)))
        headers.add(line);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L); // a stalled transfer is a timeout
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 512L * 1024);
    // Send bodies at once instead of waiting for "100 Continue". (An empty "Expect:" header
    // would do it too, but libcurl 7.88 then signs a header it does not send.)
    curl_easy_setopt(h, CURLOPT_EXPECT_100_TIMEOUT_MS, 0L);
    if (!m_location.caFile.isEmpty())
        curl_easy_setopt(h, CURLOPT_CAINFO, QFile::encodeName(m_location.caFile).constData());
    for (const QByteArray &line : request.headers)
        headers.add(line);
    std::optional<BodyReader> reader;
    if (request.method == "PUT") {
        headers.add("Content-Type: application/octet-stream");
        reader.emplace(BodyReader{*request.body, {h, m_engine, m_sendLimit}, 0, nullptr});
        curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body->size()));
        curl_easy_setopt(h, CURLOPT_READFUNCTION, readBody);
        curl_easy_setopt(h, CURLOPT_READDATA, &*reader);
        curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, seekBody);
        curl_easy_setopt(h, CURLOPT_SEEKDATA, &*reader);
        curl_easy_setopt(h, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else if (request.method != "GET") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.constData());
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.list);
    ReplyBody body{response, {h, m_engine, m_receiveLimit}};
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, collectHeader);
    ReplyContext reply{response, m_engine};
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &reply);
    std::optional<ProgressContext> progress;
    if (!request.objectKey.isEmpty()) {
        progress.emplace(transfers(), request.objectKey,
                         request.body ? TransferState::Direction::Upload : TransferState::Direction::Download,
                         request.body ? request.body->size() : 0);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, reportProgress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &*progress);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    }
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    const auto rc = CURLcode(m_engine.perform(h));
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    release(h);
    if (reader && reader->error)
        std::rethrow_exception(reader->error);
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        fail(Error::Kind::Cancelled, QStringLiteral("%1 %2: cancelled").arg(QString::fromLatin1(request.method), request.objectKey));
    if (rc != CURLE_OK) {
        const bool tls = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CONNECT_ERROR;
        fail(tls ? Error::Kind::Io : Error::Kind::Unavailable,
             QStringLiteral("%1 %2: %3%4").arg(QString::fromLatin1(request.method), displayName(), QString::fromUtf8(detail[0] ? detail : curl_easy_strerror(rc)),
                                               tls ? QStringLiteral("; for a private CA add ca-file=PATH to the store URL") : QString()));
    }
    return response;
}

QString S3Store::Response::code() const { return xmlValue(body, QStringLiteral("Code")); }

S3Store::Response S3Store::send(const QByteArray &method, const QString &key, const QString &query,
                                const QList<QByteArray> &headers, const ObjectBody *body)
{
    return perform({method, key.isEmpty() ? bucketUrl(query) : objectUrl(key), body, headers, {}});
}

void S3Store::raise(const Response &r, const QString &what) const
{
    const QString code = r.code();
    const QString detail = QStringLiteral("%1 on %2: HTTP %3%4").arg(what, displayName()).arg(r.status).arg(code.isEmpty() ? QString() : QLatin1Char(' ') + code);
    if (r.status == 404)
        fail(Error::Kind::NotFound, detail);
    if (r.status >= 500 || r.status == 429 || code == QLatin1String("SlowDown"))
        fail(Error::Kind::Unavailable, detail);
    if (r.status == 403)
        fail(Error::Kind::Io, detail + QStringLiteral(": access denied; check the keys from %1 and the bucket policy").arg(m_credentials.source));
    fail(Error::Kind::Io, detail);
}

QByteArray S3Store::get(const QString &key)
{
    const Response r = perform({"GET", objectUrl(key), nullptr, {}, key});
    if (r.status != 200)
        raise(r, QStringLiteral("GET %1").arg(key));
    return r.body;
}

QByteArray S3Store::getRange(const QString &key, qint64 offset, qint64 length)
{
    if (length == 0)
        return {};
    const QByteArray range = "Range: bytes=" + QByteArray::number(offset) + '-' + QByteArray::number(offset + length - 1);
    const Response r = perform({"GET", objectUrl(key), nullptr, {range}, key, length});
    if (r.status == 416)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 ends before byte %2: the object is truncated").arg(key).arg(offset + length));
    if (r.status != 206 && r.status != 200)
        raise(r, QStringLiteral("GET %1").arg(key));
    const QByteArray body = r.status == 200 ? r.body.mid(offset, length) : r.body;
    if (body.size() != length)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 ends before byte %2: the object is truncated").arg(key).arg(offset + length));
    return body;
}

void S3Store::put(const QString &key, const ObjectBody &data)
{
    prepareForWrites();
    const Response r = perform({"PUT", objectUrl(key), &data, {}, key});
    if (r.status != 200)
        raise(r, QStringLiteral("PUT %1").arg(key));
}

bool S3Store::createIfAbsent(const QString &key, const ObjectBody &data)
{
    prepareForWrites();
    const Response r = perform({"PUT", objectUrl(key), &data, {"If-None-Match: *"}, key});
    if (r.status == 200)
        return true;
    if (r.status == 412)
        return false;
    if (r.status == 409) // ConditionalRequestConflict: a concurrent create is in flight; retry
        fail(Error::Kind::Unavailable, QStringLiteral("PUT %1 on %2: concurrent conditional write (409)").arg(key, displayName()));
    raise(r, QStringLiteral("PUT %1").arg(key));
}

void S3Store::prepareForWrites()
{
    if (m_probed)
        return;
    QMutexLocker lock(&m_probeMutex);
    if (m_probed)
        return;
    const QString key = objectUrl(QStringLiteral("probes/") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    const ObjectBody body(QByteArrayLiteral("probe"));
    const Response first = perform({"PUT", key, &body, {"If-None-Match: *"}, {}});
    if (first.status != 200)
        raise(first, QStringLiteral("write probe"));
    const Response second = perform({"PUT", key, &body, {"If-None-Match: *"}, {}});
    perform({"DELETE", key, nullptr, {}, {}});
    if (second.status == 200)
        fail(Error::Kind::Io, QStringLiteral("%1 ignores If-None-Match: a second create of one key succeeded. Trove refuses to write there: "
                                             "concurrent commits would silently overwrite each other. Use a store that supports conditional writes "
                                             "(Ceph RGW, MinIO, AWS S3)").arg(displayName()));
    m_probed = true;
}

ListPage S3Store::list(const QString &prefix, const QString &startAfter, int maxKeys)
{
    // Query parameters sorted by name and encoded, as SigV4 signs them.
    QStringList query{QStringLiteral("list-type=2"), QStringLiteral("max-keys=%1").arg(maxKeys),
                      QStringLiteral("prefix=") + QString::fromLatin1(encode(m_location.prefix + prefix))};
    if (!startAfter.isEmpty())
        query.append(QStringLiteral("start-after=") + QString::fromLatin1(encode(m_location.prefix + startAfter)));
    query.sort();
    const Response r = perform({"GET", bucketUrl(query.join(QLatin1Char('&'))), nullptr, {}, {}});
    if (r.status != 200)
        raise(r, (QStringLiteral("LIST ") + prefix).trimmed());
    ListPage page;
    QXmlStreamReader xml(r.body);
    ObjectInfo current;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::EndElement && xml.name() == QLatin1String("Contents")) {
            page.objects.append(current);
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("Contents"))
            current = ObjectInfo();
        else if (name == QLatin1String("Key"))
            current.key = xml.readElementText().mid(m_location.prefix.size());
        else if (name == QLatin1String("Size"))
            current.size = xml.readElementText().toLongLong();
        else if (name == QLatin1String("LastModified"))
            current.modified = QDateTime::fromString(xml.readElementText(), Qt::ISODateWithMs);
        else if (name == QLatin1String("IsTruncated"))
            page.truncated = xml.readElementText() == QLatin1String("true");
    }
    if (xml.hasError())
        fail(Error::Kind::Io, QStringLiteral("LIST %1 on %2: unreadable answer (%3)").arg(prefix, displayName(), xml.errorString()));
    return page;
}

void S3Store::remove(const QString &key)
{
    const Response r = perform({"DELETE", objectUrl(key), nullptr, {}, {}});
    if (r.status != 204 && r.status != 200 && r.status != 404)
        raise(r, QStringLiteral("DELETE %1").arg(key));
}

std::optional<ObjectInfo> S3Store::stat(const QString &key)
{
    const Response r = perform({"HEAD", objectUrl(key), nullptr, {}, {}});
    if (r.status == 404)
        return std::nullopt;
    if (r.status != 200)
        raise(r, QStringLiteral("HEAD %1").arg(key));
    return ObjectInfo{key, r.headers.value("content-length").toLongLong(),
                      QDateTime::fromString(QString::fromLatin1(r.headers.value("last-modified")), Qt::RFC2822Date)};
}

void S3Store::ensureBucket()
{
    const Response head = perform({"HEAD", bucketUrl({}), nullptr, {}, {}});
    if (head.status == 200)
        return;
    const ObjectBody empty;
    const Response r = perform({"PUT", bucketUrl({}), &empty, {}, {}});
    if (r.status != 200 && r.status != 409)
        raise(r, QStringLiteral("create bucket %1").arg(m_location.bucket));
}

} // namespace trove
