#include "TransferBatch.h"

#include "Uploader.h"

namespace trove::ui {
namespace {

const QString PutFile = QStringLiteral("put-file");
const QString PutDirectory = QStringLiteral("put-directory");
const QString PutData = QStringLiteral("put-data");
const QString PutEntry = QStringLiteral("put-entry");
const QString Remove = QStringLiteral("remove");
const QString Copy = QStringLiteral("copy");

TransferItem itemFromChange(const Change &change)
{
    switch (change.type) {
    case Change::Type::Put: {
        // A resolved entry (a restore): kept in the tree format the store already uses.
        Tree tree;
        tree.entries.append(change.entry);
        return {PutEntry, {}, change.path, {}, tree.encode(), false, change.replace, 0};
    }
    case Change::Type::Remove:
        return {Remove, {}, change.path, {}, {}, change.recursive, true, 0};
    case Change::Type::Copy:
        return {Copy, {}, change.path, change.source, {}, change.recursive, true, 0};
    }
    Q_UNREACHABLE();
}

} // namespace

QList<TransferItem> itemsFromSteps(const QList<Step> &steps)
{
    QList<TransferItem> items;
    items.reserve(steps.size());
    for (const Step &step : steps) {
        switch (step.kind) {
        case Step::Kind::File:
            items.append({PutFile, step.local, step.remote, {}, {}, false, step.force, 0});
            break;
        case Step::Kind::Directory:
            items.append({PutDirectory, step.local, step.remote, {}, {}, false, step.force, 0});
            break;
        case Step::Kind::Bytes:
            items.append({PutData, {}, step.remote, {}, step.data, false, step.force, 0});
            break;
        case Step::Kind::Change:
            items.append(itemFromChange(step.change));
            break;
        }
    }
    return items;
}

QList<Step> stepsFromItems(const QList<TransferItem> &items)
{
    QList<Step> steps;
    steps.reserve(items.size());
    for (const TransferItem &item : items) {
        if (item.op == PutFile)
            steps.append(Step::file(item.local, item.remote, item.force));
        else if (item.op == PutDirectory)
            steps.append(Step::directory(item.local, item.remote, item.force));
        else if (item.op == PutData)
            steps.append(Step::bytes(item.data, item.remote, item.force));
        else if (item.op == PutEntry)
            steps.append(Step::of(Change::put(item.remote, Tree::decode(item.data, item.remote).entries.value(0), item.force)));
        else if (item.op == Remove)
            steps.append(Step::of(Change::remove(item.remote, item.recursive)));
        else if (item.op == Copy)
            steps.append(Step::of(Change::copy(item.source, item.remote, item.recursive)));
    }
    return steps;
}

} // namespace trove::ui
