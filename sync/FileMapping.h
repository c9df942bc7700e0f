#pragma once

#include <QtGlobal>
#include <csetjmp>
#include <optional>

namespace trove {

class FileDescriptor;

// A read-only view of a regular file's first `size` bytes, so a local store's packs are
// verified and copied where they lie in the page cache instead of being read out of it
// first. A page past the file's end (it shrank since its size was taken) raises SIGBUS when
// touched: read mapped bytes only inside guarded(), which reports that instead of dying.
class FileMapping
{
public:
    // Nothing when the file system cannot map the file: read it instead.
    static std::optional<FileMapping> map(const FileDescriptor &fd, qint64 size);
    ~FileMapping();
    FileMapping(FileMapping &&other) noexcept;
    FileMapping &operator=(FileMapping &&) = delete;
    FileMapping(const FileMapping &) = delete;

    const char *data() const { return m_data; }
    qint64 size() const { return m_size; }
    // Maps the pages of [offset, offset + length) now, in one call, instead of one fault per
    // few pages as they are read; a page beyond the file's end is left for guarded() to find.
    void prefault(qint64 offset, qint64 length) const;

    // Runs `read`; false when a page it touched was beyond the end of its file. `read` is
    // abandoned where it was, so it must own nothing that needs destroying (no locals with
    // destructors, no locks): a digest update or a copy of mapped bytes.
    template<typename Read> static bool guarded(Read &&read)
    {
        sigjmp_buf jump;
        sigjmp_buf *const outer = enterGuard(&jump);
        if (sigsetjmp(jump, 0) != 0) { // the signal mask is not saved: SIGBUS is never blocked (SA_NODEFER)
            leaveGuard(outer);
            return false;
        }
        read();
        leaveGuard(outer);
        return true;
    }

private:
    FileMapping(const char *data, qint64 size) : m_data(data), m_size(size) {}
    static sigjmp_buf *enterGuard(sigjmp_buf *jump);
    static void leaveGuard(sigjmp_buf *outer);

    const char *m_data = nullptr;
    qint64 m_size = 0;
};

} // namespace trove
