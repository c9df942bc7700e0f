#pragma once

#include <QString>
#include <stdexcept>

namespace trove {

// One exception type for the engine, classified once so callers (CLI exit codes, GUI
// messages, retry wrappers) decide by kind, never by parsing text.
class Error : public std::runtime_error
{
public:
    enum class Kind {
        InvalidArgument, // bad name, bad path, bad option: the caller must change the request
        NotFound,        // volume, version or path does not exist
        AlreadyExists,   // target exists and overwriting was not asked for
        Limit,           // a v1/v2 limit of the volume format
        Conflict,        // lost a race that retrying cannot fix
        Corrupt,         // stored data does not match its hash or cannot be parsed
        Io,              // local disk or store I/O failed
        Busy,            // files of a bound folder are open
        Cancelled,       // the user cancelled
        Unavailable,     // the store failed in a way a retry may fix (5xx, 429, reset, timeout)
    };

    Error(Kind kind, const QString &message)
        : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message) {}

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }

private:
    Kind m_kind;
    QString m_message;
};

[[noreturn]] inline void fail(Error::Kind kind, const QString &message) { throw Error(kind, message); }

} // namespace trove
