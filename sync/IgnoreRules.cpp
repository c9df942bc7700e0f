#include "IgnoreRules.h"

#include "Error.h"
#include "IgnorePattern.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QList>
#include <mutex>

namespace trove {
namespace {

using PatternList = QList<IgnorePattern>;

const QString kRulesFile = QStringLiteral(".troveignore");
constexpr QStringView kBindingFolder = u".trove";

// The list documented in IgnoreRules.h.
std::shared_ptr<const PatternList> builtInPatterns()
{
    static const auto patterns = [] {
        PatternList list;
        for (const char16_t *line : {u"*.swp", u"*.swo", u"*.swx", u"4913", u"*~", u".#*", u"\\#*#", u".~lock.*#",
                                     u"~$*", u"*.tmp", u"*.part", u"*.crdownload", u".goutputstream-*",
                                     u".DS_Store", u"Thumbs.db"})
            list.append(*IgnorePattern::parse(QStringView(line)));
        return std::make_shared<const PatternList>(std::move(list));
    }();
    return patterns;
}

// Last match wins: the list is in file order, parents' files first.
bool excludedBy(const PatternList &patterns, QStringView path, QStringView name, bool isDir)
{
    for (auto it = patterns.crbegin(); it != patterns.crend(); ++it) {
        if (it->matches(path, name, isDir))
            return !it->isNegated();
    }
    return false;
}

// `inherited` followed by the lines of ROOT/DIR/.troveignore, or `inherited` alone when the
// folder has none.
std::shared_ptr<const PatternList> withRulesOf(const QString &root, const QString &relativeDir,
                                               std::shared_ptr<const PatternList> inherited)
{
    const QString base = relativeDir.isEmpty() ? QString() : relativeDir + QLatin1Char('/');
    QFile file(root + QLatin1Char('/') + base + kRulesFile);
    if (!QFileInfo(file).isFile())
        return inherited;
    if (!file.open(QIODevice::ReadOnly)) {
        fail(Error::Kind::Io, QStringLiteral("cannot read the ignore rules %1: %2; make it readable or remove it")
                                  .arg(file.fileName(), file.errorString()));
    }
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    auto rules = std::make_shared<PatternList>(*inherited);
    for (const QStringView line : QStringView(text).split(u'\n')) {
        if (auto pattern = IgnorePattern::parse(line, base))
            rules->append(std::move(*pattern));
    }
    return rules;
}

} // namespace

// What each folder answers, worked out the first time a path inside it is asked about.
class IgnoreRules::State
{
public:
    explicit State(const QString &root)
        : m_root(root), m_last{false, withRulesOf(m_root, QString(), builtInPatterns())}
    {
        m_folders.insert(m_lastPath, m_last);
    }

    bool isIgnored(QStringView path, bool isDir)
    {
        const qsizetype slash = path.lastIndexOf(u'/');
        const QStringView name = path.mid(slash + 1);
        if (name == kBindingFolder)
            return true;
        const Folder parent = folder(slash < 0 ? QStringView() : path.left(slash));
        return parent.ignored || excludedBy(*parent.rules, path, name, isDir);
    }

private:
    struct Folder
    {
        bool ignored = false;
        std::shared_ptr<const PatternList> rules; // what applies to the paths inside
    };

    Folder folder(QStringView relativeDir)
    {
        const std::lock_guard lock(m_mutex);
        // A scan asks about a folder's entries one after another: most lookups are the last one.
        if (relativeDir != m_lastPath) {
            m_lastPath = relativeDir.toString();
            m_last = folderLocked(m_lastPath);
        }
        return m_last;
    }

    Folder folderLocked(const QString &relativeDir)
    {
        const auto known = m_folders.constFind(relativeDir);
        if (known != m_folders.constEnd())
            return *known;
        const qsizetype slash = relativeDir.lastIndexOf(QLatin1Char('/'));
        const Folder parent = folderLocked(slash < 0 ? QString() : relativeDir.left(slash));
        const QStringView name = QStringView(relativeDir).mid(slash + 1);
        Folder result{true, parent.rules};
        if (!parent.ignored && name != kBindingFolder && !excludedBy(*parent.rules, relativeDir, name, true))
            result = Folder{false, withRulesOf(m_root, relativeDir, parent.rules)};
        m_folders.insert(relativeDir, result);
        return result;
    }

    const QString m_root;
    std::mutex m_mutex;
    QHash<QString, Folder> m_folders;
    QString m_lastPath; // starts as the root
    Folder m_last;
};

IgnoreRules::IgnoreRules(std::shared_ptr<State> state) : m_state(std::move(state)) {}

IgnoreRules IgnoreRules::forFolder(const QString &root)
{
    return IgnoreRules(std::make_shared<State>(root));
}

bool IgnoreRules::isIgnored(const QString &relativePath, bool isDir) const
{
    return m_state->isIgnored(relativePath, isDir);
}

} // namespace trove
