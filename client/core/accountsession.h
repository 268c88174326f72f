// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/accountdirectory.h"
#include "client/core/accountkeys.h"
#include "client/core/oidcclient.h"
#include "client/core/serverconnection.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QNetworkReply;

namespace mts {

class SecretStore;

/// One cadre's session on this PC: who is signed in, the account's data key, and fresh access tokens.
///
/// Office PCs are shared, so everything is per (account, server): AccountDirectory gives each its own folder —
/// replica, outbox, account file, vault — and AccountKeys its own data key. One session holds one account at a
/// time; signing in as someone else locks the previous account first, so one cadre's queued changes can never go
/// out under another's token.
///
/// Online: the system browser signs in (OidcClient). The desktop never sees the password that way, yet offline
/// unlocking needs it, so on the first sign-in on this PC the user types it once more; the server confirms it
/// (`/api/v1/me/password-check`) before the data key is wrapped with it. Offline: the password unwraps the data key
/// for the offline period (AccountKeys). The refresh token lives in the keychain, or the encrypted vault.
///
/// The engine never prompts: it says what it needs with signals, and the UI (or a test) answers.
class AccountSession : public QObject {
    Q_OBJECT
public:
    enum class State {
        SignedOut, ///< nobody; the sign-in screen
        SigningIn, ///< the browser is open
        PasswordNeeded, ///< signed in online; confirm the password to protect offline data (confirmPassword)
        Unlocked, ///< working, online or offline
        Locked, ///< idle lock or explicit lock; unlock(password)
    };

    using KeychainFactory = std::function<std::unique_ptr<SecretStore>(const QString &accountNamespace)>;

    /// `keychain` makes the OS keychain store for an account (null factory or null store: no keychain, vault).
    AccountSession(ServerConnection connection, AccountDirectory directory, KeychainFactory keychain,
        AccountKeys::Options keyOptions = {}, QObject *parent = nullptr);
    ~AccountSession() override;

    State state() const { return m_state; }
    const Identity &identity() const { return m_identity; }
    /// The account's folder (replica, outbox, vault); empty when nobody is unlocked.
    QString accountFolder() const;
    /// The data key that encrypts this account's local data; empty unless Unlocked.
    QByteArray dataKey() const { return m_state == State::Unlocked ? m_dataKey : QByteArray(); }
    bool isOnline() const { return m_tokens.isValid(); }
    bool usesVaultFallback() const { return m_keys && m_keys->usesVaultFallback(); }

    /// Opens the system browser to sign in (openBrowser). Then PasswordNeeded on a first sign-in on this PC or
    /// when the keychain has no data key, else Unlocked.
    void signInOnline();
    /// Headless sign-in with the password (mattranso-cli login): no browser, and no second password prompt.
    void signInWithPassword(const QString &username, const QString &password);
    /// Stops a sign-in in progress (the user closed the browser): back to SignedOut; a late answer from the browser
    /// is ignored.
    void cancelSignIn();
    /// Answers PasswordNeeded.
    void confirmPassword(const QString &password);
    /// Offline unlock of an account known on this PC, by user name.
    void unlockOffline(const QString &username, const QString &password);
    /// Locks (idle): forgets the data key and tokens in memory; unlock() with the password.
    void lock();
    void unlock(const QString &password);
    /// Signs out: revokes the refresh token when online, removes it from the store, locks.
    void signOut();

    /// Calls `done` with a valid access token, refreshing it first when it expires within a minute; empty when
    /// offline or signed out (the caller queues its work and retries later).
    void withAccessToken(QObject *context, std::function<void(const QByteArray &accessToken)> done);
    /// The server refused `accessToken` (a 401): the next withAccessToken() refreshes instead of handing it out
    /// again. Does nothing when the session holds another token by now.
    void invalidateAccessToken(const QByteArray &accessToken);

    /// The accounts of this session's server that can unlock offline on this PC.
    QList<AccountDirectory::Account> knownAccounts() const;
    /// The server this session signs in to.
    QUrl server() const { return m_connection.baseUrl(); }

Q_SIGNALS:
    void stateChanged(mts::AccountSession::State state);
    void openBrowser(const QUrl &url);
    /// Something failed; `message` is translated and says what to do.
    void failed(const QString &message);

private:
    void setState(State state);
    void onSignedIn(const OidcError &error, const TokenSet &tokens, const Identity &identity, const QString &password);
    bool prepareAccount(const QString &username);
    void storeRefreshToken();
    void finishUnlock(QByteArray dataKey);
    /// Who the account is (name, role, unit), kept in its folder at each online sign-in so the offline session can
    /// show it; not secret.
    void saveProfile();
    void loadProfile();

    ServerConnection m_connection;
    AccountDirectory m_directory;
    KeychainFactory m_keychain;
    AccountKeys::Options m_keyOptions;
    std::unique_ptr<OidcClient> m_oidc;
    std::unique_ptr<AccountKeys> m_keys;
    QPointer<QNetworkReply> m_reply;
    State m_state = State::SignedOut;
    Identity m_identity;
    QString m_username;
    TokenSet m_tokens;
    QByteArray m_dataKey;
    QList<std::function<void(const QByteArray &)>> m_waitingForToken;
    bool m_refreshing = false;
    // After an offline unlock the refresh token is still being read from the keychain or vault.
    bool m_readingRefreshToken = false;

    void refreshAccessToken();
};

} // namespace mts
