// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/blobstore.h"
#include "client/core/replicastore.h"
#include "client/core/syncengine.h"
#include "shared/syncwire.h"
#include "tests/support/httpclient.h"

#include <QHash>
#include <QJsonArray>
#include <QNetworkAccessManager>

#include <functional>
#include <memory>

namespace mts::test {

class ServerProcess;

/// The sync API of a running test server as a test drives it by hand: access tokens of the demo accounts (signed
/// in headless, as mattranso-cli login does), raw pushes and pulls, and the server's state of some buckets.
class SyncApi {
public:
    explicit SyncApi(ServerProcess &server);

    /// An access token of a demo account (password `matranso-demo`), cached; empty when the sign-in fails.
    QByteArray token(const QString &username);
    /// Drops the kept token of `username` (the server refused it: expired), so that token() signs in again.
    void forgetToken(const QString &username) { m_tokens.remove(username); }

    HttpClient::Response push(const QString &username, const QJsonArray &ops);
    /// One pull page; std::nullopt when the server refuses it or answers something that does not parse.
    std::optional<sync::PullResponse> pull(
        const QString &username, const QMap<QString, qint64> &positions, int limit = 5000);

    /// Every record of `buckets` as the central administrator pulls them, by id; `stateHash` gets what
    /// ReplicaStore::stateHash() gives for a replica holding exactly those records.
    QHash<QString, sync::RecordChange> state(const QStringList &buckets, QByteArray *stateHash = nullptr);

    /// The hash ReplicaStore::stateHash() computes over these records.
    static QByteArray stateHashOf(const QHash<QString, sync::RecordChange> &records);

    HttpClient &http() { return m_http; }

private:
    /// POSTs `body` to `path` as `username`; a refused token (expired in a long run) is dropped and the request
    /// made once more with a new one.
    HttpClient::Response postAs(const QString &username, const QString &path, const QJsonObject &body);

    ServerProcess &m_server;
    HttpClient m_http;
    QNetworkAccessManager m_network;
    QHash<QString, QByteArray> m_tokens;
};

/// Credentials that always hand out `token` (from SyncApi::token()) and ignore a refusal.
SyncEngine::Credentials fixedToken(const QByteArray &token);

/// A replica as the sync tests make them: its store, its blob store when the test adds one, and its engine
/// (declared last, so it goes first: it holds pointers to the other two).
struct TestReplica {
    std::unique_ptr<ReplicaStore> store;
    std::unique_ptr<BlobStore> blobs;
    std::unique_ptr<SyncEngine> engine;
};

/// Opens `<folder>/<name>.replica` under `dataKey` (a new random key when empty), with `wallClock` when given, and
/// an engine on `connection` with `credentials`, its lock `<folder>/<lockName or name>.lock` (engines of one
/// installation share it), and `options`. No store and no engine when the store does not open.
TestReplica makeReplica(const QString &folder, const QString &name, const ServerConnection &connection,
    SyncEngine::Credentials credentials, const SyncEngine::Options &options, QByteArray dataKey = {},
    std::function<qint64()> wallClock = {}, const QString &lockName = {});

} // namespace mts::test
