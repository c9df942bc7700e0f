#pragma once

#include "BoundFolder.h"

#include <QLockFile>
#include <memory>

namespace trove {

// What a bound folder keeps in FOLDER/.trove/: binding.json (the binding, written whole with
// QSaveFile), journal.sqlite (FolderJournal), tmp/ (FolderWriter) and a lock file.
namespace folderstate {

QString stateDir(const QString &root);
QString journalPath(const QString &root);
// The bound folder `folder` is or is inside (absolute, clean), or "" when there is none.
QString boundRootOf(const QString &folder);
// Throws NotFound when the folder is not bound, Corrupt when binding.json cannot be read.
FolderBinding readBinding(const QString &root);
void writeBinding(const FolderBinding &binding);

// One bind, commit or reload at a time per folder, across processes. Throws Busy, naming
// the process, when another one holds it for longer than `waitMs`.
std::unique_ptr<QLockFile> lock(const QString &root, int waitMs = 10000);
// The same without waiting or throwing: null when another process holds it.
std::unique_ptr<QLockFile> tryLock(const QString &root);

} // namespace folderstate
} // namespace trove
