#pragma once

#include <QtGlobal>

namespace trove::limits {

// The seed's limits of the two volume formats.
constexpr qint64 V1MaxFiles = 500'000;
constexpr qint64 V1WarnFiles = 50'000;
constexpr int V1WarnWriters = 5;
constexpr int V2MaxDirectoryEntries = 32'768;
constexpr qint64 V2MaxFileSize = qint64(1) << 40; // 1 TiB

// gc never deletes a pack younger than this, so commits in flight keep what they stored.
constexpr qint64 DefaultGcGraceSeconds = 3600;

} // namespace trove::limits
