// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace mts::test {

/// A fresh, uniquely named PostgreSQL database (`mts_test_<random>`) for one test, on the server that the admin URL
/// in the environment variable MTS_TEST_PG_URL names (installer/quickstart.sh test starts one and sets it). Dropped,
/// after its remaining sessions are terminated, when the fixture is destroyed.
///
/// Without MTS_TEST_PG_URL a PostgreSQL test skips — except in CI (CI=true), where it fails, so that a missing
/// PostgreSQL can never pass silently. Use MTS_REQUIRE_POSTGRES() for that rule:
///
///     MTS_REQUIRE_POSTGRES();
///     mts::test::PostgresFixture database;
///     QVERIFY2(database.isReady(), qPrintable(database.errorString()));
///     PostgresSyncStorage storage(database.url());
class PostgresFixture {
public:
    /// Creates the database (when MTS_TEST_PG_URL is set).
    PostgresFixture();
    ~PostgresFixture();
    PostgresFixture(const PostgresFixture &) = delete;
    PostgresFixture &operator=(const PostgresFixture &) = delete;

    /// Whether MTS_TEST_PG_URL is set.
    static bool isConfigured();
    /// Whether the tests run in CI (the environment variable CI is `true` or `1`).
    static bool isCi();
    /// What to do to run the PostgreSQL tests.
    static QString notConfiguredMessage();

    /// Whether the database exists; errorString() says why not.
    bool isReady() const { return !m_url.isEmpty(); }
    QString errorString() const { return m_error; }
    /// `postgresql://user:password@host:port/mts_test_<random>`: the admin URL with the fresh database.
    QString url() const { return m_url; }
    QString databaseName() const { return m_databaseName; }

    /// Runs one statement on the admin connection (to the admin URL's database); false with errorString() set when
    /// it fails. For tests that inspect or disturb the server (e.g. terminate the fixture database's sessions).
    bool adminExecute(const QString &sql);

private:
    QString m_connectionName;
    QString m_databaseName;
    QString m_url;
    QString m_error;
};

/// For the suites that run against both storage backends: with MTS_TEST_SYNC_BACKEND=postgresql, creates `fixture`
/// (a fresh database) and returns the server arguments `--database URL`; otherwise returns none (SQLite). Sets
/// `error` when PostgreSQL was asked for but the database could not be made.
QStringList syncBackendArguments(std::unique_ptr<PostgresFixture> &fixture, QString *error);

} // namespace mts::test

/// Skips the current test when MTS_TEST_PG_URL is not set, or fails it in CI.
#define MTS_REQUIRE_POSTGRES()                                                                                         \
    do {                                                                                                               \
        if (!mts::test::PostgresFixture::isConfigured()) {                                                             \
            if (mts::test::PostgresFixture::isCi())                                                                    \
                QFAIL(qPrintable(mts::test::PostgresFixture::notConfiguredMessage()));                                 \
            QSKIP(qPrintable(mts::test::PostgresFixture::notConfiguredMessage()));                                     \
        }                                                                                                              \
    } while (false)

/// In initTestCase() of a suite that runs on both storage backends: declares `arguments`, the server arguments of
/// syncBackendArguments(`fixture`), and skips the suite (fails it in CI) when PostgreSQL is asked for but cannot
/// be had.
#define MTS_SYNC_BACKEND_ARGUMENTS(fixture, arguments)                                                                 \
    QString arguments##Error;                                                                                          \
    const QStringList arguments = mts::test::syncBackendArguments(fixture, &arguments##Error);                         \
    if (!arguments##Error.isEmpty()) {                                                                                 \
        if (!mts::test::PostgresFixture::isConfigured() && !mts::test::PostgresFixture::isCi())                        \
            QSKIP(qPrintable(arguments##Error));                                                                       \
        QFAIL(qPrintable(arguments##Error));                                                                           \
    }
