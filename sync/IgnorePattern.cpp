#include "IgnorePattern.h"

#include <algorithm>
#include <cctype>

namespace trove {
namespace {

// The glob matcher is git's wildmatch (dowild) on UTF-16: the pattern is NUL-terminated
// (QString::utf16()), the text is a view with an end. Its quirks are kept on purpose, so a
// .troveignore means what the same .gitignore means.
enum class Wild { Match, NoMatch, AbortAll, AbortToStarStar };

bool isGlobSpecial(char16_t c)
{
    return c == u'*' || c == u'?' || c == u'[' || c == u'\\';
}

char16_t charAt(const char16_t *t, const char16_t *end)
{
    return t < end ? *t : 0;
}

// POSIX classes inside brackets, "[[:digit:]]", ASCII only as in git.
std::optional<bool> inPosixClass(QStringView name, char16_t c)
{
    struct PosixClass
    {
        QStringView name;
        int (*test)(int);
    };
    static const PosixClass classes[] = {
        {u"alnum", ::isalnum}, {u"alpha", ::isalpha}, {u"blank", ::isblank}, {u"cntrl", ::iscntrl},
        {u"digit", ::isdigit}, {u"graph", ::isgraph}, {u"lower", ::islower}, {u"print", ::isprint},
        {u"punct", ::ispunct}, {u"space", ::isspace}, {u"upper", ::isupper}, {u"xdigit", ::isxdigit},
    };
    for (const PosixClass &posixClass : classes) {
        if (posixClass.name == name)
            return c < 128 && posixClass.test(int(c)) != 0;
    }
    return std::nullopt;
}

// A bracket expression at p ('[' already passed) against tc; p is left on the closing ']'.
Wild matchClass(const char16_t *&p, char16_t tc)
{
    char16_t pc = *p;
    bool negated = false;
    if (pc == u'!' || pc == u'^') {
        negated = true;
        pc = *++p;
    }
    char16_t previous = 0;
    bool matched = false;
    do {
        if (!pc)
            return Wild::AbortAll;
        if (pc == u'\\') {
            pc = *++p;
            if (!pc)
                return Wild::AbortAll;
            matched = matched || tc == pc;
        } else if (pc == u'-' && previous && p[1] && p[1] != u']') {
            pc = *++p;
            if (pc == u'\\') {
                pc = *++p;
                if (!pc)
                    return Wild::AbortAll;
            }
            matched = matched || (tc >= previous && tc <= pc);
            pc = 0; // a range cannot start another range
        } else if (pc == u'[' && p[1] == u':') {
            const char16_t *nameStart = p += 2;
            while (*p && *p != u']')
                ++p;
            if (!*p)
                return Wild::AbortAll;
            if (p - nameStart < 1 || p[-1] != u':') { // no ":]": a plain '['
                p = nameStart - 2;
                pc = u'[';
                matched = matched || tc == pc;
                continue;
            }
            const auto inClass = inPosixClass(QStringView(nameStart, p - 1), tc);
            if (!inClass)
                return Wild::AbortAll;
            matched = matched || *inClass;
            pc = 0;
        } else {
            matched = matched || tc == pc;
        }
    } while (previous = pc, (pc = *++p) != u']');
    return matched == negated || tc == u'/' ? Wild::NoMatch : Wild::Match;
}

Wild wildmatch(const char16_t *p, const char16_t *t, const char16_t *end)
{
    const char16_t *const patternStart = p;
    for (; *p; ++t, ++p) {
        char16_t pc = *p;
        char16_t tc = charAt(t, end);
        if (!tc && pc != u'*')
            return Wild::AbortAll;
        switch (pc) {
        case u'\\':
            pc = *++p;
            [[fallthrough]];
        default:
            if (tc != pc)
                return Wild::NoMatch;
            continue;
        case u'?':
            if (tc == u'/')
                return Wild::NoMatch;
            continue;
        case u'[': {
            ++p;
            const Wild inClass = matchClass(p, tc);
            if (inClass != Wild::Match)
                return inClass;
            continue;
        }
        case u'*': {
            bool matchSlash = false;
            if (*++p == u'*') {
                const char16_t *before = p - 2;
                while (*++p == u'*') {}
                if ((before < patternStart || *before == u'/')
                    && (!*p || *p == u'/' || (p[0] == u'\\' && p[1] == u'/'))) {
                    // "**/" may match no folder at all: "a/**/b" matches "a/b".
                    if (*p == u'/' && wildmatch(p + 1, t, end) == Wild::Match)
                        return Wild::Match;
                    matchSlash = true;
                }
            }
            if (!*p) // a trailing "**" matches everything, a trailing "*" up to a '/'
                return matchSlash || std::find(t, end, u'/') == end ? Wild::Match : Wild::NoMatch;
            if (!matchSlash && *p == u'/') { // "*/" matches exactly one folder
                t = std::find(t, end, u'/');
                if (t == end)
                    return Wild::NoMatch;
                break;
            }
            for (; tc; tc = charAt(++t, end)) {
                if (!isGlobSpecial(*p)) { // skip to where the literal after '*' can match
                    pc = *p;
                    while ((tc = charAt(t, end)) && (matchSlash || tc != u'/') && tc != pc)
                        ++t;
                    if (tc != pc)
                        return Wild::NoMatch;
                }
                const Wild rest = wildmatch(p, t, end);
                if (rest != Wild::NoMatch) {
                    if (!matchSlash || rest != Wild::AbortToStarStar)
                        return rest;
                } else if (!matchSlash && tc == u'/') {
                    return Wild::AbortToStarStar;
                }
            }
            return Wild::AbortAll;
        }
        }
    }
    return t < end ? Wild::NoMatch : Wild::Match;
}

// git's trim_trailing_spaces: unescaped spaces at the end go, "\ " stays.
QStringView trimTrailingSpaces(QStringView line)
{
    qsizetype firstTrailingSpace = -1;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == u' ') {
            if (firstTrailingSpace < 0)
                firstTrailingSpace = i;
            continue;
        }
        if (line[i] == u'\\' && ++i == line.size())
            return line; // a lone trailing backslash: git leaves the line alone
        firstTrailingSpace = -1;
    }
    return firstTrailingSpace < 0 ? line : line.left(firstTrailingSpace);
}

} // namespace

std::optional<IgnorePattern> IgnorePattern::parse(QStringView line, const QString &base)
{
    if (line.endsWith(u'\r'))
        line.chop(1);
    if (line.startsWith(u'#'))
        return std::nullopt;
    line = trimTrailingSpaces(line);

    IgnorePattern pattern;
    pattern.m_base = base;
    if (line.startsWith(u'!')) {
        pattern.m_negated = true;
        line = line.mid(1);
    }
    if (line.endsWith(u'/')) {
        pattern.m_directoryOnly = true;
        line.chop(1);
    }
    pattern.m_nameOnly = !line.contains(u'/');
    if (line.startsWith(u'/'))
        line = line.mid(1);
    if (line.isEmpty())
        return std::nullopt;
    pattern.m_pattern = line.toString();

    const auto special = [](QChar c) { return isGlobSpecial(c.unicode()); };
    pattern.m_literalLength = std::find_if(line.begin(), line.end(), special) - line.begin();
    const auto hasNoWildcard = [&](QStringView s) { return std::none_of(s.begin(), s.end(), special); };
    if (pattern.m_literalLength == line.size())
        pattern.m_kind = Kind::Literal;
    else if (pattern.m_nameOnly && line.startsWith(u'*') && hasNoWildcard(line.mid(1)))
        pattern.m_kind = Kind::Suffix;
    else if (pattern.m_nameOnly && line.endsWith(u'*') && pattern.m_literalLength == line.size() - 1)
        pattern.m_kind = Kind::Prefix;
    return pattern;
}

bool IgnorePattern::matches(QStringView path, QStringView name, bool isDir) const
{
    if (m_directoryOnly && !isDir)
        return false;
    if (m_nameOnly) {
        switch (m_kind) {
        case Kind::Literal: return name == m_pattern;
        case Kind::Suffix: return name.endsWith(QStringView(m_pattern).mid(1));
        case Kind::Prefix: return name.startsWith(QStringView(m_pattern).left(m_literalLength));
        case Kind::Glob: break;
        }
        return wildmatch(QStringView(m_pattern).utf16(), name.utf16(), name.utf16() + name.size()) == Wild::Match;
    }
    // Anchored: matched against the path below the folder the rule was read in; as in git,
    // the literal part is compared first and the glob gets the rest.
    QStringView below = path.mid(m_base.size());
    if (!below.startsWith(QStringView(m_pattern).left(m_literalLength)))
        return false;
    below = below.mid(m_literalLength);
    if (m_kind == Kind::Literal)
        return below.isEmpty();
    return wildmatch(QStringView(m_pattern).utf16() + m_literalLength, below.utf16(), below.utf16() + below.size())
        == Wild::Match;
}

} // namespace trove
