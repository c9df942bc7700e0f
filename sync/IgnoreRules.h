#pragma once

#include <QString>
#include <memory>

namespace trove {

// What a bound folder leaves out of its volume: FOLDER/.troveignore in gitignore syntax, the
// .troveignore files of its subfolders for their own subtrees (as git's per-folder
// .gitignore), and built-in rules for the temporary files editors and downloads leave around.
//
// The syntax is git's: blank lines and lines starting with '#' are skipped ("\#" and "\!"
// start a pattern with that character); unescaped trailing spaces are dropped; "!" re-includes
// what an earlier line excluded, the last matching line wins, and a file of a subfolder comes
// after its parents; a trailing "/" matches folders only; a pattern with a "/" at its start
// or in its middle is anchored to the folder of its file, otherwise it matches a name at any
// depth; "*", "?", "[a-z]", "[!a-z]" and "**" ("**/x", "x/**", "a/**/b") as in git. A path
// inside an excluded folder is excluded, and no "!" brings it back (as in git: the folder is
// not even looked into).
//
// Built in, before the folder's own rules (so a "!" there can bring one of them back):
//   *.swp *.swo *.swx 4913     vim's swap files and the probe it writes to test a folder
//   *~ .#* #*#                 backups (vim, emacs, nano...), emacs lock and autosave files
//   .~lock.*# ~$*              LibreOffice and Microsoft Office lock files
//   *.tmp *.part *.crdownload  downloads in progress (browsers, curl, wget -c)
//   .goutputstream-*           GLib's temporary file behind an atomic save
//   .DS_Store Thumbs.db        folder caches of macOS and Windows
// `.trove` (the binding and its journal) is always left out, at any depth, and cannot be
// brought back.
//
// The folder's .troveignore is read by forFolder, a subfolder's the first time a path inside
// it is asked about; make a new IgnoreRules for each scan to see edited rules. Answers for a
// folder are kept, so each one costs a hash lookup and the patterns of the last segment. Safe
// to use from several threads.
class IgnoreRules
{
public:
    // Throws Error(Io) when FOLDER/.troveignore exists and cannot be read: syncing without
    // the rules could upload what they were written to keep out.
    static IgnoreRules forFolder(const QString &root);

    // `relativePath` uses '/' separators and no leading '/'; `isDir` says whether it names a
    // folder. Throws Error(Io) when the .troveignore of a folder on the way cannot be read.
    bool isIgnored(const QString &relativePath, bool isDir) const;

private:
    class State;
    explicit IgnoreRules(std::shared_ptr<State> state);

    std::shared_ptr<State> m_state;
};

} // namespace trove
