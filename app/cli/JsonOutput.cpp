#include "JsonOutput.h"

namespace cli {

void JsonArrayWriter::appendString(const QString &s)
{
    m_out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                m_out += escaped;
            } else {
                m_out += c;
            }
        }
    }
    m_out += '"';
}

void JsonArrayWriter::add(std::initializer_list<Field> fields)
{
    m_out += m_first ? "\n  {" : ",\n  {";
    m_first = false;
    bool firstField = true;
    for (const Field &f : fields) {
        if (!firstField)
            m_out += ", ";
        firstField = false;
        m_out += '"';
        m_out += f.name;
        m_out += "\": ";
        if (const auto *s = std::get_if<QString>(&f.value))
            appendString(*s);
        else if (const auto *n = std::get_if<qint64>(&f.value))
            m_out += QByteArray::number(*n);
        else
            m_out += std::get<bool>(f.value) ? "true" : "false";
    }
    m_out += '}';
}

QByteArray JsonArrayWriter::finish()
{
    m_out += m_first ? "]\n" : "\n]\n";
    return std::exchange(m_out, "[");
}

} // namespace cli
