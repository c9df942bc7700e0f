#include "FileMapping.h"

#include "FileDescriptor.h"

#include <csignal>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace trove {
namespace {

// The guard of the running thread's current mapped read; initial-exec TLS, so the signal
// handler reads it without allocating.
thread_local sigjmp_buf *t_guard __attribute__((tls_model("initial-exec"))) = nullptr;
struct sigaction s_previous;

void onSigbus(int signal, siginfo_t *info, void *context)
{
    if (sigjmp_buf *guard = t_guard)
        siglongjmp(*guard, 1);
    // Not a guarded read: let the fault end the process as it would have without us (the
    // faulting access runs again on return and meets the previous disposition).
    sigaction(SIGBUS, &s_previous, nullptr);
    if (s_previous.sa_flags & SA_SIGINFO && s_previous.sa_sigaction)
        s_previous.sa_sigaction(signal, info, context);
}

void installHandler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action = {};
        action.sa_sigaction = onSigbus;
        action.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        sigaction(SIGBUS, &action, &s_previous);
    });
}

qint64 pageSize()
{
    static const qint64 size = ::sysconf(_SC_PAGESIZE);
    return size;
}

} // namespace

std::optional<FileMapping> FileMapping::map(const FileDescriptor &fd, qint64 size)
{
    if (size <= 0)
        return std::nullopt;
    void *address = ::mmap(nullptr, size_t(size), PROT_READ, MAP_SHARED, fd.get(), 0);
    if (address == MAP_FAILED)
        return std::nullopt;
    installHandler();
    return FileMapping(static_cast<const char *>(address), size);
}

FileMapping::FileMapping(FileMapping &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

FileMapping::~FileMapping()
{
    if (m_data)
        ::munmap(const_cast<char *>(m_data), size_t(m_size));
}

void FileMapping::prefault(qint64 offset, qint64 length) const
{
#ifdef MADV_POPULATE_READ
    const qint64 start = offset / pageSize() * pageSize();
    const qint64 end = qMin(offset + length, m_size);
    if (end > start)
        ::madvise(const_cast<char *>(m_data) + start, size_t(end - start), MADV_POPULATE_READ);
#else
    Q_UNUSED(offset) Q_UNUSED(length)
#endif
}

sigjmp_buf *FileMapping::enterGuard(sigjmp_buf *jump)
{
    return std::exchange(t_guard, jump);
}

void FileMapping::leaveGuard(sigjmp_buf *outer)
{
    t_guard = outer;
}

} // namespace trove
