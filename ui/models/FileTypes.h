#pragma once

#include <QIcon>
#include <QString>

namespace trove::ui {

// Descriptions and icons of files by name, cached per extension. Only kindOf() reads the MIME
// database, on the workers that list folders; the GUI thread only looks icons up by the names
// it found.
class FileTypes
{
public:
    // "Folder", or the type's description ("PNG image"); thread-safe.
    static QString kindOf(const QString &name, bool isDir);
    // The theme's icon for a type kindOf() has described, else the style's file or folder
    // icon; GUI thread only.
    static QIcon iconOf(const QString &name, bool isDir);
};

} // namespace trove::ui
