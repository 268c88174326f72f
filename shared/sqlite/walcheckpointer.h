// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace mts {

/// Copies an SQLite database's write-ahead log back into the database on a thread of its own, with its own
/// connection: the client's replica and the server's embedded store both use it.
///
/// SQLite does this in the writer's commit once the log passes 1,000 pages: for a pull, a quarter of the time
/// of saving a page went into copying the page's frames once more and syncing the file, while the user waited;
/// on the server, a push waited for it (and for the sync of the file) every few batches.
/// A passive checkpoint from another connection runs beside the writer and never blocks it; the log is reused
/// from its start once a checkpoint has caught up, so it stays about as large as SQLite's own limit keeps it.
class WalCheckpointer {
public:
    /// Opens nothing yet: the thread opens `filePath` when the first checkpoint is asked for.
    explicit WalCheckpointer(QString filePath);
    /// Waits for a running checkpoint, then ends the thread.
    ~WalCheckpointer();

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    /// Makes the commits of `db`, a connection to the same file in WAL mode, ask for checkpoints instead of
    /// running them (sqlite3_wal_hook()); past pagesBeforeWriterCheckpoints the writer checkpoints itself. The
    /// checkpointer must outlive the connection, or the hook be removed first.
    void attach(sqlite3 *db);
    /// Asks for a checkpoint; requests made while one waits or runs are met by the next one. Cheap: the writer
    /// calls it after a commit.
    void request();
    /// Checkpoints run so far (for tests and diagnostics).
    int completed() const;

    /// The log size, in pages, from which a writer should call request(): SQLite's own default.
    static constexpr int pagesBeforeCheckpoint = 1000;
    /// The log size from which the writer checkpoints in its own commit, as SQLite would: the log is reused from
    /// its start only when a writer begins after a checkpoint caught up, which a writer that never pauses does
    /// not give it, and the log must not grow without bound.
    static constexpr int pagesBeforeWriterCheckpoints = 8 * pagesBeforeCheckpoint;

private:
    void run();

    const QString m_filePath;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
    int m_completed = 0;
    std::thread m_thread;
};

} // namespace mts
