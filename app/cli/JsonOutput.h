#pragma once

#include <QByteArray>
#include <QString>
#include <initializer_list>
#include <variant>

namespace cli {

// Writes a JSON array of flat objects straight to a buffer. Listings can hold hundreds of
// thousands of entries; building a QJsonDocument for them costs more than reading the tree.
class JsonArrayWriter
{
public:
    using Value = std::variant<QString, qint64, bool>;
    struct Field { const char *name; Value value; };

    void add(std::initializer_list<Field> fields);
    // The finished array, pretty-printed one object per line.
    QByteArray finish();

private:
    void appendString(const QString &s);
    QByteArray m_out = "[";
    bool m_first = true;
};

} // namespace cli
