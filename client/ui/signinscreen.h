// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/accountsession.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace mts {

class ClientSettings;

/// What the window shows instead of the applications while no account is unlocked: the answer of the UI to
/// AccountSession's states (the engine never prompts, DESIGN.md).
///
/// - SignedOut: "Sign in" (online, in the system browser) and, below it, "Work offline": an account that has
///   signed in on this computer before, with its password. The server address, with a way to Settings.
/// - SigningIn: the browser is open; finish there, or cancel.
/// - PasswordNeeded: the password once more, to protect the data kept on this computer.
/// - Locked: who is signed in, the password to go on, or sign out.
///
/// Failures (AccountSession::failed) are shown in a red line inside the screen, never in a dialog, and empty
/// every password field. Enter in a password field submits it; every control is reachable with Tab.
class SignInScreen : public QWidget {
    Q_OBJECT
public:
    /// Opens the sign-in page in the system browser; returns false when no browser could be started.
    using UrlOpener = std::function<bool(const QUrl &url)>;

    /// `settings` (the server address shown) must outlive the screen; `session` may be null until
    /// setAccountSession().
    SignInScreen(AccountSession *session, ClientSettings *settings, QWidget *parent = nullptr);
    ~SignInScreen() override;

    AccountSession *accountSession() const { return m_session; }
    /// Follows another session (the window recreates it when the server changes); does not own it.
    void setAccountSession(AccountSession *session);

    /// Replaces QDesktopServices::openUrl (tests play the browser themselves).
    void setUrlOpener(UrlOpener opener);

    /// Reads the server address from the settings again, and which accounts can unlock offline.
    void updateServer();

    /// Puts the keyboard focus where the current state expects input.
    void focusInput();

    /// The inline error message; empty when there is none.
    QString errorMessage() const;

Q_SIGNALS:
    /// The user wants to change the server address or its certificate.
    void settingsRequested();

private:
    QWidget *createSignedOutView();
    QWidget *createSigningInView();
    QWidget *createPasswordNeededView();
    QWidget *createLockedView();

    void showState(AccountSession::State state);
    void updateKnownAccounts();
    void openBrowser(const QUrl &url);
    void showError(const QString &message);
    void clearError();
    void clearPasswords();
    void setBusy(bool busy, const QString &text = {});

    void signInOnline();
    void cancelSignIn();
    void unlockOffline();
    void confirmPassword();
    void unlock();
    void signOut();

    QPointer<AccountSession> m_session;
    ClientSettings *m_settings;
    UrlOpener m_openUrl;
    QUrl m_authorizationUrl;
    /// The account to offer first for offline work: the one that was last unlocked.
    QString m_preferredAccount;
    QPointer<QLineEdit> m_submittedFrom;

    QStackedWidget *m_views;
    QLabel *m_error;
    QLabel *m_busy;

    // SignedOut
    QWidget *m_signedOutView;
    QLabel *m_serverUrl;
    QPushButton *m_settingsButton;
    QPushButton *m_signInButton;
    QWidget *m_offlineFields;
    QLabel *m_noOfflineAccounts;
    QComboBox *m_offlineAccount;
    QLineEdit *m_offlinePassword;
    QPushButton *m_offlineUnlockButton;

    // SigningIn
    QWidget *m_signingInView;
    QLabel *m_signingInStatus;
    QLineEdit *m_authorizationUrlField;
    QPushButton *m_reopenBrowserButton;
    QPushButton *m_cancelSignInButton;

    // PasswordNeeded
    QWidget *m_passwordNeededView;
    QLabel *m_passwordNeededGreeting;
    QLineEdit *m_confirmPassword;
    QPushButton *m_confirmPasswordButton;
    QPushButton *m_passwordNeededSignOutButton;

    // Locked
    QWidget *m_lockedView;
    QLabel *m_lockedUser;
    QLineEdit *m_lockedPassword;
    QPushButton *m_unlockButton;
    QPushButton *m_lockedSignOutButton;
};

} // namespace mts
