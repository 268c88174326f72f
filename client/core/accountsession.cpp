// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountsession.h"

#include "client/core/secretstore.h"
#include "shared/crypto.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcSession, "mts.client.session")

namespace mts {

namespace {

const QString desktopClientId = QStringLiteral("mattranso-desktop");

/// Secrets kept in the keychain or vault are sealed with a subkey of the data key: a keychain shared by everyone
/// on one OS account then reveals nothing of another cadre's session.
QByteArray secretKey(const QByteArray &dataKey)
{
    return crypto::blake2b("mattranso:secrets", crypto::keyBytes, dataKey);
}

QByteArray secretAssociated(const QString &username)
{
    return QByteArray("mattranso:refresh-token:") + username.toUtf8();
}

} // namespace

AccountSession::AccountSession(ServerConnection connection, AccountDirectory directory, KeychainFactory keychain,
    AccountKeys::Options keyOptions, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
    , m_directory(std::move(directory))
    , m_keychain(std::move(keychain))
    , m_keyOptions(std::move(keyOptions))
{
}

AccountSession::~AccountSession()
{
    crypto::wipe(m_dataKey);
}

QString AccountSession::accountFolder() const
{
    if (m_state != State::Unlocked || m_username.isEmpty())
        return {};
    return m_directory.folderPathFor(m_connection.baseUrl(), m_username);
}

QList<AccountDirectory::Account> AccountSession::knownAccounts() const
{
    QList<AccountDirectory::Account> mine;
    const QString server = AccountDirectory::normalizedServer(m_connection.baseUrl());
    for (const auto &account : m_directory.accounts()) {
        if (AccountDirectory::normalizedServer(account.server) == server
            && QFile::exists(account.folder + QStringLiteral("/account.json")))
            mine.append(account);
    }
    return mine;
}

void AccountSession::saveProfile()
{
    QSaveFile file(m_directory.folderPathFor(m_connection.baseUrl(), m_username) + QStringLiteral("/profile.json"));
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(
        QJsonObject { { QStringLiteral("subject"), m_identity.subject },
            { QStringLiteral("username"), m_identity.username }, { QStringLiteral("name"), m_identity.displayName },
            { QStringLiteral("role"), m_identity.role }, { QStringLiteral("unit"), m_identity.unit } })
                   .toJson(QJsonDocument::Compact));
    if (!file.commit())
        qCWarning(lcSession) << "cannot keep the profile:" << file.errorString();
}

void AccountSession::loadProfile()
{
    QFile file(m_directory.folderPathFor(m_connection.baseUrl(), m_username) + QStringLiteral("/profile.json"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject profile = QJsonDocument::fromJson(file.readAll()).object();
    // Only a profile of this very account (a copied file of another one is ignored).
    if (AccountDirectory::normalizedUsername(profile.value(QLatin1String("username")).toString())
        != AccountDirectory::normalizedUsername(m_username))
        return;
    m_identity = Identity { profile.value(QLatin1String("subject")).toString(), m_username,
        profile.value(QLatin1String("name")).toString(), profile.value(QLatin1String("role")).toString(),
        profile.value(QLatin1String("unit")).toString() };
}

void AccountSession::cancelSignIn()
{
    if (m_state != State::SigningIn && m_state != State::PasswordNeeded)
        return;
    if (m_oidc) {
        m_oidc->disconnect(this);
        m_oidc->cancel();
    }
    if (m_reply)
        m_reply->abort();
    m_tokens = {};
    setState(State::SignedOut);
}

void AccountSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

bool AccountSession::prepareAccount(const QString &username)
{
    // A different cadre on the same PC: drop everything of the previous one first.
    if (!m_username.isEmpty()
        && AccountDirectory::normalizedUsername(username) != AccountDirectory::normalizedUsername(m_username)) {
        crypto::wipe(m_dataKey);
        m_tokens = {};
        m_keys.reset();
    }
    const auto folder = m_directory.folderFor(m_connection.baseUrl(), username);
    if (!folder) {
        Q_EMIT failed(folder.error().message);
        return false;
    }
    m_username = username;
    if (!m_keys) {
        std::unique_ptr<SecretStore> keychain
            = m_keychain ? m_keychain(AccountDirectory::accountId(m_connection.baseUrl(), username)) : nullptr;
        m_keys = std::make_unique<AccountKeys>(
            folder.value(), m_connection.baseUrl(), username, std::move(keychain), m_keyOptions);
    }
    return true;
}

void AccountSession::signInOnline()
{
    m_oidc = std::make_unique<OidcClient>(m_connection, desktopClientId);
    connect(m_oidc.get(), &OidcClient::openBrowser, this, &AccountSession::openBrowser);
    connect(m_oidc.get(), &OidcClient::signInFinished, this,
        [this](const OidcError &error, const TokenSet &tokens, const Identity &identity) {
            onSignedIn(error, tokens, identity, {});
        });
    setState(State::SigningIn);
    m_oidc->signIn(QStringLiteral("login"));
}

void AccountSession::signInWithPassword(const QString &username, const QString &password)
{
    m_oidc = std::make_unique<OidcClient>(m_connection, desktopClientId);
    connect(m_oidc.get(), &OidcClient::signInFinished, this,
        [this, password](const OidcError &error, const TokenSet &tokens, const Identity &identity) {
            onSignedIn(error, tokens, identity, password);
        });
    setState(State::SigningIn);
    m_oidc->signInWithPassword(username, password);
}

void AccountSession::onSignedIn(
    const OidcError &error, const TokenSet &tokens, const Identity &identity, const QString &password)
{
    if (error.code != OidcError::Code::None) {
        setState(State::SignedOut);
        Q_EMIT failed(error.message);
        return;
    }
    if (!prepareAccount(identity.username)) {
        setState(State::SignedOut);
        return;
    }
    m_identity = identity;
    m_tokens = tokens;
    if (password.isEmpty()) {
        // Browser sign-in: the password is needed once more to open (or create) the offline keys.
        setState(State::PasswordNeeded);
        return;
    }
    // The server has just accepted this password: use it directly.
    confirmPassword(password);
}

void AccountSession::confirmPassword(const QString &password)
{
    if (m_state != State::PasswordNeeded && m_state != State::SigningIn)
        return;
    if (m_keys->hasAccount()) {
        auto unlocked = m_keys->unlockOffline(password);
        if (!unlocked && unlocked.error().code == AccountKeys::Error::OfflinePeriodExpired) {
            // Signed in online just now: the period restarts, then the password is checked again.
            if (const auto recorded = m_keys->recordOnlineSignIn(); recorded)
                unlocked = m_keys->unlockOffline(password);
        }
        if (!unlocked) {
            setState(State::PasswordNeeded);
            Q_EMIT failed(unlocked.error().message);
            return;
        }
        if (const auto recorded = m_keys->recordOnlineSignIn(); !recorded)
            qCWarning(lcSession) << "cannot record the online sign-in:" << recorded.error().message;
        finishUnlock(std::move(unlocked).value());
        return;
    }
    // First sign-in on this PC: the server confirms the password before it protects the offline data.
    QNetworkRequest request = m_connection.request(QStringLiteral("/api/v1/me/password-check"));
    request.setRawHeader("Authorization", "Bearer " + m_tokens.accessToken);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_connection.network()->post(request,
        QJsonDocument(QJsonObject { { QStringLiteral("password"), password } }).toJson(QJsonDocument::Compact));
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, password] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200) {
            setState(State::PasswordNeeded);
            Q_EMIT failed(status == 403
                    ? tr("That is not your account's password. Type the password you use to sign in.")
                    : status == 429
                    ? tr("Too many wrong passwords. Wait a few minutes, then try again.")
                    : tr("The server could not check the password. Try again when the connection is back."));
            return;
        }
        m_keys->create(password, this, [this](AccountKeys::DataKeyResult created) {
            if (!created) {
                setState(State::PasswordNeeded);
                Q_EMIT failed(created.error().message);
                return;
            }
            finishUnlock(std::move(created).value());
        });
    });
}

void AccountSession::finishUnlock(QByteArray dataKey)
{
    crypto::wipe(m_dataKey);
    m_dataKey = std::move(dataKey);
    if (m_tokens.isValid())
        saveProfile();
    setState(State::Unlocked);
    if (!m_tokens.refreshToken.isEmpty())
        storeRefreshToken();
}

void AccountSession::storeRefreshToken()
{
    SecretStore *store = m_keys ? m_keys->secretStore() : nullptr;
    if (!store || m_dataKey.isEmpty())
        return;
    const QByteArray sealed = crypto::seal(secretKey(m_dataKey), m_tokens.refreshToken, secretAssociated(m_username));
    store->write(AccountKeys::refreshTokenSecretName(), sealed, this, [](SecretStore::WriteResult written) {
        if (!written)
            qCWarning(lcSession) << "cannot keep the refresh token:" << written.error().message;
    });
}

void AccountSession::unlockOffline(const QString &username, const QString &password)
{
    // Check first, so an unknown name does not leave an empty account folder behind.
    if (!QFile::exists(m_directory.folderPathFor(m_connection.baseUrl(), username) + QStringLiteral("/account.json"))) {
        Q_EMIT failed(tr("This account has never signed in on this computer. Connect to the network and sign in "
                         "online first."));
        return;
    }
    if (!prepareAccount(username))
        return;
    if (!m_keys->hasAccount()) {
        Q_EMIT failed(tr("This account has never signed in on this computer. Connect to the network and sign in "
                         "online first."));
        return;
    }
    auto unlocked = m_keys->unlockOffline(password);
    if (!unlocked) {
        Q_EMIT failed(unlocked.error().message);
        return;
    }
    m_identity = Identity { {}, username, {}, {}, {} };
    loadProfile();
    m_tokens = {};
    finishUnlock(std::move(unlocked).value());
    // Online again later: the stored refresh token renews the tokens silently.
    if (SecretStore *store = m_keys->secretStore()) {
        m_readingRefreshToken = true;
        store->read(AccountKeys::refreshTokenSecretName(), this, [this](SecretStore::ReadResult read) {
            m_readingRefreshToken = false;
            if (read && !m_dataKey.isEmpty()) {
                const auto token = crypto::open(secretKey(m_dataKey), read.value(), secretAssociated(m_username));
                if (token)
                    m_tokens.refreshToken = *token;
            }
            // Whoever asked for a token meanwhile gets one now (or an empty one: no refresh token kept).
            if (!m_waitingForToken.isEmpty()) {
                if (m_tokens.refreshToken.isEmpty()) {
                    for (const auto &waiting : std::exchange(m_waitingForToken, {}))
                        waiting({});
                } else {
                    refreshAccessToken();
                }
            }
        });
    }
}

void AccountSession::lock()
{
    if (m_state != State::Unlocked)
        return;
    crypto::wipe(m_dataKey);
    m_tokens.accessToken.clear();
    if (m_keys)
        m_keys->lock();
    setState(State::Locked);
}

void AccountSession::unlock(const QString &password)
{
    if (m_state != State::Locked || !m_keys)
        return;
    auto unlocked = m_keys->unlockOffline(password);
    if (!unlocked) {
        Q_EMIT failed(unlocked.error().message);
        return;
    }
    crypto::wipe(m_dataKey);
    m_dataKey = std::move(unlocked).value();
    setState(State::Unlocked);
}

void AccountSession::signOut()
{
    const QByteArray refreshToken = m_tokens.refreshToken;
    if (!refreshToken.isEmpty()) {
        auto *revoker = new OidcClient(m_connection, desktopClientId, this);
        connect(revoker, &OidcClient::revokeFinished, revoker, [revoker](const OidcError &error) {
            if (error.code != OidcError::Code::None)
                qCInfo(lcSession) << "revocation at sign-out failed (the token expires on its own):" << error.detail;
            revoker->deleteLater();
        });
        revoker->revoke(refreshToken);
    }
    if (m_keys && m_keys->secretStore())
        m_keys->secretStore()->remove(AccountKeys::refreshTokenSecretName(), this, [](SecretStore::WriteResult) {});
    crypto::wipe(m_dataKey);
    m_tokens = {};
    m_identity = {};
    m_keys.reset();
    m_username.clear();
    setState(State::SignedOut);
}

void AccountSession::withAccessToken(QObject *context, std::function<void(const QByteArray &)> done)
{
    QPointer<QObject> guard(context);
    auto deliver = [guard, done](const QByteArray &token) {
        if (guard)
            done(token);
    };
    if (m_state == State::Unlocked && m_readingRefreshToken) {
        m_waitingForToken.append(deliver);
        return;
    }
    if (m_state != State::Unlocked || m_tokens.refreshToken.isEmpty()) {
        deliver({});
        return;
    }
    if (m_tokens.isValid() && !m_tokens.expiresWithin(60)) {
        deliver(m_tokens.accessToken);
        return;
    }
    m_waitingForToken.append(deliver);
    refreshAccessToken();
}

void AccountSession::invalidateAccessToken(const QByteArray &accessToken)
{
    if (!accessToken.isEmpty() && m_tokens.accessToken == accessToken)
        m_tokens.accessToken.clear();
}

void AccountSession::refreshAccessToken()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    auto *client = new OidcClient(m_connection, desktopClientId, this);
    connect(client, &OidcClient::refreshFinished, this, [this, client](const OidcError &error, const TokenSet &tokens) {
        client->deleteLater();
        m_refreshing = false;
        if (error.code == OidcError::Code::None) {
            m_tokens = tokens;
            storeRefreshToken();
        } else if (error.code == OidcError::Code::Denied) {
            // The chain was revoked or expired: offline work goes on; sync waits for a new online sign-in.
            m_tokens = {};
            Q_EMIT failed(error.message);
        }
        const QByteArray token = m_tokens.isValid() ? m_tokens.accessToken : QByteArray();
        for (const auto &waiting : std::exchange(m_waitingForToken, {}))
            waiting(token);
    });
    client->refresh(m_tokens.refreshToken);
}

} // namespace mts
