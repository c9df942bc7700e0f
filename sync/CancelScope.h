#pragma once

#include <atomic>

namespace trove {

// Ties the store requests the current thread makes to an operation's cancel flag: a request
// in flight stops as soon as the flag is set (the S3 store checks it from libcurl's progress
// callback) instead of running to its end. Scopes nest; the innermost one counts.
class CancelScope
{
public:
    explicit CancelScope(const std::atomic<bool> &cancelled) : m_previous(s_current) { s_current = &cancelled; }
    ~CancelScope() { s_current = m_previous; }
    CancelScope(const CancelScope &) = delete;
    CancelScope &operator=(const CancelScope &) = delete;

    // The calling thread's flag, or nullptr outside any scope.
    static const std::atomic<bool> *current() { return s_current; }

private:
    const std::atomic<bool> *m_previous;
    static thread_local const std::atomic<bool> *s_current;
};

} // namespace trove
