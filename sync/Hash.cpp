#include "Hash.h"

#include "Error.h"

#include <openssl/evp.h>

namespace trove {

Hash Hash::fromRaw(QByteArrayView raw)
{
    if (raw.size() != Size)
        fail(Error::Kind::Corrupt, QStringLiteral("a stored hash has %1 bytes instead of 32").arg(raw.size()));
    Hash h;
    std::copy(raw.begin(), raw.end(), h.m_bytes.begin());
    h.m_set = true;
    return h;
}

Hash Hash::fromHex(const QString &hex)
{
    const QByteArray latin = hex.toLatin1();
    const QByteArray raw = QByteArray::fromHex(latin);
    if (hex.size() != 2 * Size || raw.size() != Size || raw.toHex() != latin.toLower())
        fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is not a SHA-256 name").arg(hex));
    return fromRaw(raw);
}

namespace {
// Fetched once: OpenSSL 3 looks the algorithm up in its provider store on every init that
// names it by EVP_sha256(), a locked search that costs more than hashing a 4 KiB file.
const EVP_MD *sha256Algorithm()
{
    static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
    return md.get();
}
} // namespace

Hash Hash::of(const char *data, qsizetype size)
{
    thread_local Sha256 sha; // a context per thread, reset by result()
    sha.add(data, size);
    return sha.result();
}

void Sha256::CtxDeleter::operator()(evp_md_ctx_st *ctx) const { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    if (!m_ctx || !sha256Algorithm() || EVP_DigestInit_ex2(m_ctx.get(), sha256Algorithm(), nullptr) != 1)
        fail(Error::Kind::Io, QStringLiteral("OpenSSL could not start a SHA-256 digest"));
}

Sha256::~Sha256() = default;

void Sha256::add(const char *data, qsizetype size)
{
    EVP_DigestUpdate(m_ctx.get(), data, size_t(size));
}

Hash Sha256::result()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx.get(), out, &len);
    EVP_DigestInit_ex2(m_ctx.get(), sha256Algorithm(), nullptr); // ready for reuse
    return Hash::fromRaw(QByteArrayView(out, qsizetype(len)));
}

} // namespace trove
