#pragma once

#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <array>
#include <memory>

struct evp_md_ctx_st;

namespace trove {

// A SHA-256 digest: 32 raw bytes. Names chunks, trees and packs.
class Hash
{
public:
    static constexpr int Size = 32;

    Hash() = default;  // the null hash
    static Hash fromRaw(QByteArrayView raw);
    static Hash fromHex(const QString &hex); // throws InvalidArgument on a malformed name
    static Hash of(const char *data, qsizetype size);
    static Hash of(const QByteArray &data) { return of(data.constData(), data.size()); }

    bool isNull() const { return !m_set; }
    // The 32 bytes (empty for the null hash).
    QByteArray raw() const { return m_set ? QByteArray(m_bytes.data(), Size) : QByteArray(); }
    QByteArrayView view() const { return m_set ? QByteArrayView(m_bytes.data(), Size) : QByteArrayView(); }
    QString hex() const { return QString::fromLatin1(raw().toHex()); }

    bool operator==(const Hash &o) const { return m_set == o.m_set && m_bytes == o.m_bytes; }
    bool operator!=(const Hash &o) const { return !(*this == o); }
    bool operator<(const Hash &o) const { return m_set != o.m_set ? !m_set : m_bytes < o.m_bytes; }

private:
    // Held inline: trees hold millions of hashes, and a heap block each would dominate.
    std::array<char, Size> m_bytes{};
    bool m_set = false;
};

inline size_t qHash(const Hash &h, size_t seed = 0) { return qHashBits(h.view().data(), size_t(h.view().size()), seed); }

// Incremental SHA-256 over OpenSSL EVP (uses SHA-NI where the CPU has it).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(const char *data, qsizetype size);
    Hash result();

private:
    struct CtxDeleter { void operator()(evp_md_ctx_st *ctx) const; };
    std::unique_ptr<evp_md_ctx_st, CtxDeleter> m_ctx;
};

} // namespace trove
