// Request signing against AWS's published SigV4 examples for S3: the request Trove's S3
// store would send, captured by a loopback server, must carry AWS's exact signature.
#include "AwsCredentials.h"
#include "S3Store.h"
#include "TestSupport.h"

#include <QtTest>
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace trove;

namespace {

// Accepts one request, keeps its head, answers 200.
class CaptureServer
{
public:
    CaptureServer()
    {
        m_listen = testing::listenOnLoopback(&m_port);
        m_thread = std::thread([this] {
            const int c = ::accept(m_listen, nullptr, nullptr);
            char buf[8192];
            while (!m_head.contains("\r\n\r\n")) {
                const ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0)
                    break;
                m_head.append(buf, n);
            }
            const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            ::send(c, reply, sizeof reply - 1, MSG_NOSIGNAL);
            ::close(c);
        });
    }
    ~CaptureServer()
    {
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_listen);
    }
    int port() const { return m_port; }
    QByteArray head()
    {
        m_thread.join();
        return m_head;
    }

private:
    int m_listen = -1, m_port = 0;
    std::thread m_thread;
    QByteArray m_head;
};

QByteArray header(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith(name.toLower() + ':'))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

} // namespace

class SigV4Test : public QObject
{
    Q_OBJECT
private slots:
    // docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "GET Object".
    void getObjectExample()
    {
        AwsCredentials credentials;
        credentials.accessKeyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
        credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        CaptureServer server;
        CURL *curl = curl_easy_init();
        curl_slist *list = nullptr;
        for (const QByteArray &line : S3Store::applySigning(curl, QStringLiteral("us-east-1"), credentials, S3Store::payloadHash(nullptr)))
            list = curl_slist_append(list, line.constData());
        list = curl_slist_append(list, "Range: bytes=0-9");
        list = curl_slist_append(list, "x-amz-date: 20130524T000000Z"); // the example's clock
        const QByteArray connectTo = "examplebucket.s3.amazonaws.com:80:127.0.0.1:" + QByteArray::number(server.port());
        curl_slist *connect = curl_slist_append(nullptr, connectTo.constData());
        curl_easy_setopt(curl, CURLOPT_URL, "http://examplebucket.s3.amazonaws.com/test.txt");
        curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
        QCOMPARE(curl_easy_perform(curl), CURLE_OK);
        curl_easy_cleanup(curl);
        curl_slist_free_all(list);
        curl_slist_free_all(connect);
        const QByteArray authorization = header(server.head(), "Authorization");
        QCOMPARE(authorization,
                 QByteArray("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
    }
};

QTEST_GUILESS_MAIN(SigV4Test)
#include "tst_sigv4.moc"
