#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace trove {

// One line of a .troveignore, compiled once: the gitignore rules for a single pattern. A line
// without a wildcard is compared as a string, "*.ext" and "name*" by their ends; only the rest
// goes through the glob matcher, which follows git's wildmatch (so `**`, classes and escapes
// mean what they mean to git), except that `?` and a class match one character where git
// matches one byte of UTF-8.
class IgnorePattern
{
public:
    // Nothing for a blank line or a comment. `base` is the folder the line was read in,
    // relative to the root and ending in '/' ("" for the root itself).
    static std::optional<IgnorePattern> parse(QStringView line, const QString &base = {});

    bool isNegated() const { return m_negated; }
    // `path` is relative to the root; `name` is its last segment. A path the pattern is not
    // anchored under (another folder's rules) must not be asked.
    bool matches(QStringView path, QStringView name, bool isDir) const;

private:
    enum class Kind { Literal, Suffix, Prefix, Glob };

    QString m_pattern;             // without '!', a leading '/' and the trailing '/'
    QString m_base;
    Kind m_kind = Kind::Glob;
    qsizetype m_literalLength = 0; // the characters before the first wildcard
    bool m_negated = false;
    bool m_directoryOnly = false;  // trailing '/'
    bool m_nameOnly = false;       // no '/' inside: matches a name at any depth
};

} // namespace trove
