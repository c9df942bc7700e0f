#include "Committer.h"

#include "GcFence.h"
#include "Limits.h"
#include "Operation.h"
#include "Pack.h"
#include "PackSink.h"
#include "Repository.h"
#include "Store.h"
#include "TreeEditor.h"

#include <QRandomGenerator>
#include <QThread>
#include <QUuid>

namespace trove {

Committer::Committer(Repository &repo, const VolumeInfo &volume) : m_repo(repo), m_volume(volume) {}

QStringList Committer::writerWarnings(VersionLog &log, qint64 head)
{
    if (m_volume.format != 1)
        return {};
    QSet<QString> writers;
    const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-60);
    // Enough records to see more than V1WarnWriters distinct writers, and no older than a minute.
    for (qint64 n = head; n > 0 && n > head - limits::V1WarnWriters - 1; --n) {
        VersionRecord r;
        try {
            r = log.read(n);
        } catch (const Error &) { // a damaged record: count no further
            break;
        }
        if (r.time < since)
            break;
        writers.insert(r.writer);
    }
    if (writers.size() <= limits::V1WarnWriters)
        return {};
    return {QStringLiteral("volume '%1' had %2 writers in the last minute; v1 volumes are meant for at most 5 concurrent writers, v2 supports hundreds (`trove-cli volume migrate`)")
                .arg(m_volume.name).arg(writers.size())};
}

CommitResult Committer::commit(const QList<Change> &changes, const QString &message, const QSet<Hash> &packsUsed,
                               WriterFence &fence, Operation *operation, const std::optional<VersionRecord> &knownHead)
{
    VersionLog log(m_repo.store(), m_volume.id);
    CommitResult result;
    const QString commitId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::optional<VersionRecord> guess = knownHead;
    for (;;) {
        if (operation)
            operation->throwIfCancelled();
        const bool guessed = guess.has_value();
        VersionRecord base;
        qint64 head = 0; // the newest record's number: base's, unless damaged records are newer
        if (guessed) {
            base = *std::exchange(guess, std::nullopt);
            head = base.version;
        } else {
            VersionLog::Newest newest = log.newest();
            base = std::move(newest.record);
            head = newest.number;
            const QString warning = QStringLiteral("volume '%1': %2").arg(m_volume.name, newest.warning);
            if (!newest.warning.isEmpty() && !result.warnings.contains(warning))
                result.warnings.append(warning);
        }
        PackSink metadata(m_repo, PackSink::Kind::Metadata, operation);
        TreeEditor editor(m_repo, base.root, m_volume.format, metadata);
        for (const Change &c : changes)
            editor.apply(c);
        if (!editor.hasChanges()) {
            if (guessed) // nothing to do against the guess: ask for the newest
                continue;
            result.record = base;
            return result;
        }
        VersionRecord record;
        record.root = editor.write();
        metadata.flush();
        record.root = metadata.resolve(record.root);
        record.version = head + 1;
        record.parent = head;
        record.time = QDateTime::currentDateTimeUtc();
        record.writer = currentWriter();
        record.message = message;
        record.commitId = commitId;
        record.changes = editor.summary();
        // Nothing between this check and the create: a gc that could remove these packs has
        // either listed them already (the check sees it) or will wait for this writer.
        result.unsafePacks = fence.unsafePacks(packsUsed + metadata.storedPacks());
        if (!result.unsafePacks.isEmpty())
            return result;
        ++result.attempts;
        if (log.create(record)) {
            result.record = record;
            result.created = true;
            if (m_volume.format == 1 && editor.totalFiles() > limits::V1WarnFiles)
                result.warnings.append(QStringLiteral("volume '%1' now holds %2 files; v1 volumes work best under 50,000 (hard limit 500,000)")
                                           .arg(m_volume.name).arg(editor.totalFiles()));
            result.warnings += writerWarnings(log, record.version);
            return result;
        }
        // Lost the race for this number: back off a little, with jitter, and re-apply. (A stale
        // guess is no contention: look again at once.)
        if (!guessed)
            QThread::msleep(QRandomGenerator::global()->bounded(5, 20 + 10 * qMin(result.attempts, 20)));
    }
}

} // namespace trove
