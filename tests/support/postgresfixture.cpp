// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgresfixture.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace mts::test {

namespace {

const char environmentVariable[] = "MTS_TEST_PG_URL";

} // namespace

bool PostgresFixture::isConfigured()
{
    return !qEnvironmentVariable(environmentVariable).isEmpty();
}

bool PostgresFixture::isCi()
{
    const QString ci = qEnvironmentVariable("CI").trimmed().toLower();
    return ci == QLatin1String("true") || ci == QLatin1String("1");
}

QString PostgresFixture::notConfiguredMessage()
{
    return QStringLiteral(
        "MTS_TEST_PG_URL is not set: PostgreSQL tests need a running server. Run installer/quickstart.sh test, or "
        "start one (notes/toolchain.md §6) and export "
        "MTS_TEST_PG_URL=postgresql://postgres:PASSWORD@127.0.0.1:PORT/postgres (a user that may create databases)");
}

PostgresFixture::PostgresFixture()
    : m_connectionName(QStringLiteral("mts-test-pg-admin-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    if (!isConfigured()) {
        m_error = notConfiguredMessage();
        return;
    }
    const QUrl admin(qEnvironmentVariable(environmentVariable), QUrl::StrictMode);
    if (!admin.isValid() || admin.host().isEmpty()
        || (admin.scheme() != QLatin1String("postgresql") && admin.scheme() != QLatin1String("postgres"))) {
        m_error = QStringLiteral("MTS_TEST_PG_URL is not a postgresql://user:password@host:port/database URL");
        return;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    db.setHostName(admin.host());
    db.setPort(admin.port(5432));
    db.setUserName(admin.userName(QUrl::FullyDecoded));
    db.setPassword(admin.password(QUrl::FullyDecoded));
    QString adminDatabase = admin.path(QUrl::FullyDecoded).mid(1);
    db.setDatabaseName(adminDatabase.isEmpty() ? QStringLiteral("postgres") : adminDatabase);
    db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    if (!db.open()) {
        m_error = QStringLiteral("cannot connect to the PostgreSQL of MTS_TEST_PG_URL: ") + db.lastError().text();
        return;
    }
    // Terminating a session that is ending anyway warns; nothing here needs notices.
    adminExecute(QStringLiteral("SET client_min_messages = error"));
    const QString name
        = QStringLiteral("mts_test_%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    if (!adminExecute(QStringLiteral("CREATE DATABASE ") + name))
        return;
    m_databaseName = name;
    QUrl url = admin;
    url.setPath(u'/' + name);
    url.setQuery(QString());
    m_url = url.toString();
}

PostgresFixture::~PostgresFixture()
{
    if (!m_databaseName.isEmpty()) {
        // A storage under test may leave sessions behind (a thread that is still alive): end them first.
        for (int attempt = 0; attempt < 10; ++attempt) {
            adminExecute(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                        " WHERE datname = '%1' AND pid <> pg_backend_pid()")
                             .arg(m_databaseName));
            if (adminExecute(QStringLiteral("DROP DATABASE IF EXISTS ") + m_databaseName))
                break;
            QThread::msleep(100);
        }
        if (!m_error.isEmpty())
            qWarning("PostgresFixture: could not drop %s: %s", qPrintable(m_databaseName), qPrintable(m_error));
    }
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool PostgresFixture::adminExecute(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(sql)) {
        m_error = sql + QStringLiteral(": ") + query.lastError().text();
        return false;
    }
    m_error.clear();
    return true;
}

QStringList syncBackendArguments(std::unique_ptr<PostgresFixture> &fixture, QString *error)
{
    if (qEnvironmentVariable("MTS_TEST_SYNC_BACKEND") != QLatin1String("postgresql"))
        return {};
    if (!PostgresFixture::isConfigured()) {
        *error = PostgresFixture::notConfiguredMessage();
        return {};
    }
    fixture = std::make_unique<PostgresFixture>();
    if (!fixture->isReady()) {
        *error = fixture->errorString();
        return {};
    }
    return { QStringLiteral("--database"), fixture->url() };
}

} // namespace mts::test
