// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/sqlite/walcheckpointer.h"

#include <QLoggingCategory>

#include <sqlite3.h>

namespace mts {

namespace {

Q_LOGGING_CATEGORY(lcCheckpoint, "mts.sqlite.checkpoint")

// Long enough for a writer's commit; a checkpoint that cannot get its lock is simply tried at the next request.
constexpr int busyTimeoutMs = 2000;

} // namespace

WalCheckpointer::WalCheckpointer(QString filePath)
    : m_filePath(std::move(filePath))
    , m_thread([this] { run(); })
{
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WalCheckpointer::attach(sqlite3 *db)
{
    sqlite3_wal_hook(
        db,
        [](void *checkpointer, sqlite3 *db, const char *, int pages) {
            if (pages >= pagesBeforeWriterCheckpoints)
                sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            else if (pages >= pagesBeforeCheckpoint)
                static_cast<WalCheckpointer *>(checkpointer)->request();
            return SQLITE_OK;
        },
        this);
}

void WalCheckpointer::request()
{
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_one();
}

int WalCheckpointer::completed() const
{
    std::lock_guard lock(m_mutex);
    return m_completed;
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_requested || m_stopping; });
            if (m_stopping)
                break;
            m_requested = false;
        }
        if (!db) {
            if (sqlite3_open_v2(m_filePath.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
                qCWarning(lcCheckpoint) << "cannot open" << m_filePath << "to checkpoint it:" << sqlite3_errmsg(db);
                sqlite3_close(db);
                db = nullptr;
                continue;
            }
            sqlite3_busy_timeout(db, busyTimeoutMs);
            // A connection learns that the file is in WAL mode when it first reads it; until then a checkpoint
            // does nothing.
            sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
        }
        int logPages = 0;
        int copiedPages = 0;
        const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copiedPages);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcCheckpoint) << "checkpoint of" << m_filePath << "failed:" << sqlite3_errmsg(db);
        std::lock_guard lock(m_mutex);
        ++m_completed;
    }
    sqlite3_close(db);
}

} // namespace mts
