// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/syncclient.h"

#include "client/core/oidcclient.h"
#include "client/core/serverconnection.h"
#include "shared/bucketchecksum.h"
#include "shared/crypto.h"
#include "tests/support/serverprocess.h"

#include <QSignalSpy>
#include <QtEndian>

namespace mts::test {

SyncApi::SyncApi(ServerProcess &server)
    : m_server(server)
    , m_http(server.certificate())
{
}

QByteArray SyncApi::token(const QString &username)
{
    if (m_tokens.contains(username))
        return m_tokens.value(username);
    OidcClient client(ServerConnection(&m_network, m_server.url(), ServerCertificatePin(m_server.certificate())),
        QStringLiteral("mattranso-desktop"));
    QSignalSpy finished(&client, &OidcClient::signInFinished);
    client.signInWithPassword(username, QStringLiteral("matranso-demo"));
    if (!finished.wait(30000))
        return {};
    const QByteArray access = finished.at(0).at(1).value<TokenSet>().accessToken;
    if (!access.isEmpty())
        m_tokens.insert(username, access);
    return access;
}

HttpClient::Response SyncApi::postAs(const QString &username, const QString &path, const QJsonObject &body)
{
    const QUrl url(m_server.url().toString() + path);
    HttpClient::Response response = m_http.postJson(url, body, { { "Authorization", "Bearer " + token(username) } });
    if (response.status == 401) {
        forgetToken(username);
        response = m_http.postJson(url, body, { { "Authorization", "Bearer " + token(username) } });
    }
    return response;
}

HttpClient::Response SyncApi::push(const QString &username, const QJsonArray &ops)
{
    return postAs(username, QStringLiteral("/api/v1/sync/push"), QJsonObject { { QStringLiteral("ops"), ops } });
}

std::optional<sync::PullResponse> SyncApi::pull(
    const QString &username, const QMap<QString, qint64> &positions, int limit)
{
    sync::PullRequest request;
    request.positions = positions;
    request.limit = limit;
    const auto response = postAs(username, QStringLiteral("/api/v1/sync/pull"), request.toJson());
    if (response.status != 200)
        return std::nullopt;
    return sync::PullResponse::fromJson(response.json());
}

QHash<QString, sync::RecordChange> SyncApi::state(const QStringList &buckets, QByteArray *stateHash)
{
    QHash<QString, sync::RecordChange> records;
    QMap<QString, qint64> positions;
    for (const QString &bucket : buckets)
        positions.insert(bucket, 0);
    for (;;) {
        const auto page = pull(QStringLiteral("trunguong"), positions);
        if (!page)
            return {};
        for (const sync::RecordChange &change : page->changes) {
            if (!buckets.contains(change.bucket))
                continue;
            if (change.left)
                records.remove(change.id);
            else
                records.insert(change.id, change);
        }
        for (auto it = page->positions.cbegin(); it != page->positions.cend(); ++it)
            positions.insert(it.key(), it.value());
        if (!page->more)
            break;
    }
    if (stateHash)
        *stateHash = stateHashOf(records);
    return records;
}

QByteArray SyncApi::stateHashOf(const QHash<QString, sync::RecordChange> &records)
{
    QStringList ids = records.keys();
    ids.sort();
    QByteArray data;
    for (const QString &id : std::as_const(ids)) {
        const sync::RecordChange &r = records.value(id);
        char bytes[8];
        qToLittleEndian(BucketChecksum::recordHash(r.id, r.seq, r.fields, r.deleted), bytes);
        data.append(bytes, 8);
    }
    return crypto::blake2b(data, 32).toHex();
}

SyncEngine::Credentials fixedToken(const QByteArray &token)
{
    SyncEngine::Credentials credentials;
    credentials.accessToken = [token](QObject *, std::function<void(const QByteArray &)> done) { done(token); };
    credentials.invalidate = [](const QByteArray &) {};
    return credentials;
}

TestReplica makeReplica(const QString &folder, const QString &name, const ServerConnection &connection,
    SyncEngine::Credentials credentials, const SyncEngine::Options &options, QByteArray dataKey,
    std::function<qint64()> wallClock, const QString &lockName)
{
    TestReplica r;
    if (dataKey.isEmpty())
        dataKey = crypto::randomBytes(crypto::keyBytes);
    r.store = std::make_unique<ReplicaStore>(folder + u'/' + name + QStringLiteral(".replica"), dataKey);
    if (wallClock)
        r.store->setWallClock(std::move(wallClock));
    if (!r.store->open())
        return {};
    r.engine = std::make_unique<SyncEngine>(r.store.get(), connection, std::move(credentials),
        folder + u'/' + (lockName.isEmpty() ? name : lockName) + QStringLiteral(".lock"));
    r.engine->setOptions(options);
    return r;
}

} // namespace mts::test
