// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/accountsession.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QFrame;
class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QProgressBar;
class QSettings;
class QShortcut;
class QSplitter;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace mts {

class ClientSettings;
class IdleLock;
class RegistriesPage;
class ReplicaStore;
class ReportsPage;
class SetAsidePage;
class SyncEngine;
class ServerMonitor;
class SettingsPage;
class SignInScreen;
struct ServerStatus;

/// The desktop client's window: a navigation list of the applications on the left, the page of the chosen
/// one on the right, and a status bar with the server's reachability, the signed-in user and the number
/// of changes waiting to be synced. Ctrl+1 … Ctrl+7 switch pages.
///
/// The window owns the network manager and the ServerMonitor that watches the server named in the
/// settings; saving another address or certificate in the settings page re-points the monitor.
///
/// With an AccountSession the applications are reachable only while an account is unlocked: in every other
/// state the window shows the SignInScreen in their place, disables the page shortcuts and closes the
/// window's dialogs, so no data stays on screen. The settings page alone can also be opened from the sign-in
/// screen while nobody is signed in (to set the server address first). The status bar then names the
/// signed-in user, their role and unit; the Account menu (and the status bar's buttons) lock (Ctrl+L) and sign
/// out. An IdleLock, fed by every key and mouse event of the application, locks the session after 15 minutes
/// without activity.
///
/// The session talks to the server it was made for. When the server address or certificate changes in the
/// settings, the window emits accountSessionOutdated() as soon as nobody is signed in (at once, or at the next
/// sign-out), and the owner replaces the session with setAccountSession().
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// The pages, in navigation order.
    enum class Page { Database, Feedback, Library, Assistant, Congresses, Reconciliation, Settings };

    /// Opens the sign-in page in the system browser; false when no browser could be started.
    using UrlOpener = std::function<bool(const QUrl &url)>;

    /// A window without accounts: the pages are shown at once. For tests of the pages only; the program
    /// always passes a session.
    /// `settings` (server, certificate, language) and `windowState` (where the window's geometry is
    /// remembered) must outlive the window; they may be the same file.
    MainWindow(ClientSettings *settings, QSettings *windowState, QWidget *parent = nullptr);
    /// A window whose applications need `session` to be unlocked. The window does not own the session.
    MainWindow(ClientSettings *settings, QSettings *windowState, AccountSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    AccountSession *accountSession() const { return m_session; }
    /// Follows another session (after accountSessionOutdated()); does not take ownership.
    void setAccountSession(AccountSession *session);

    /// Replaces QDesktopServices::openUrl for the browser sign-in (tests play the browser).
    void setUrlOpener(UrlOpener opener);

    SignInScreen *signInScreen() const { return m_signInScreen; }
    IdleLock *idleLock() const { return m_idleLock; }
    QAction *lockAction() const { return m_lockAction; }
    QAction *signOutAction() const { return m_signOutAction; }

    /// The status bar's text for a signed-in user: "Đăng nhập: canbo.hoankiem (Cán bộ cấp xã, C:00070)".
    static QString signedInText(const Identity &identity);

    void showPage(Page page);
    Page currentPage() const;

    /// Shows how many local changes wait to be sent to the server (driven by the outbox).
    void setPendingChangeCount(int count);
    int pendingChangeCount() const { return m_pendingChangeCount; }

    ServerMonitor *serverMonitor() const { return m_monitor; }
    RegistriesPage *registriesPage() const { return m_registries; }
    SetAsidePage *setAsidePage() const { return m_setAside; }
    ReportsPage *reportsPage() const { return m_reports; }
    /// The unlocked account's replica and its sync engine; nullptr while nobody is unlocked.
    ReplicaStore *replica() const { return m_replica.get(); }
    SyncEngine *syncEngine() const { return m_sync.get(); }
    QAction *syncAction() const { return m_syncAction; }
    SettingsPage *settingsPage() const { return m_settingsPage; }

Q_SIGNALS:
    /// The server settings changed and nobody is signed in: replace the session with one for the new server
    /// (setAccountSession). Emitted from the event loop, never from inside a session's own signal.
    void accountSessionOutdated();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addPage(Page page, const QString &objectName, const QString &title, QWidget *widget);
    void createAccountActions();
    void sessionStateChanged(AccountSession::State state);
    void sessionFailed(const QString &message);
    void updateScreens();
    void showWorkspace(bool shown);
    void updateUserStatus();
    void closeDialogs();
    void showSignedOutSettings();
    void returnSettingsPage();
    void serverSettingsChanged();
    void checkSessionOutdated();
    void showVaultNoticeOnce();
    void connectServerMonitor();
    void showServerChecking();
    void showServerStatus(const ServerStatus &status);
    void restoreWindowState();
    void saveWindowState();
    /// Opens the unlocked account's replica and starts its automatic sync; closes them (lock, sign-out).
    void openAccountData();
    void closeAccountData();
    void updatePendingChanges();

    ClientSettings *m_settings;
    QSettings *m_windowState;
    QNetworkAccessManager *m_network;
    ServerMonitor *m_monitor;
    QSplitter *m_splitter;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    SettingsPage *m_settingsPage;
    QVBoxLayout *m_settingsHost; // where the settings page lives among the pages
    QStackedWidget *m_screens; // the workspace, the sign-in screen, or the settings while signed out
    QWidget *m_workspace;
    SignInScreen *m_signInScreen;
    QWidget *m_signedOutSettings;
    QVBoxLayout *m_signedOutSettingsHost;
    QFrame *m_vaultNotice;
    QList<QShortcut *> m_pageShortcuts;
    QAction *m_lockAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QToolButton *m_lockButton = nullptr;
    QToolButton *m_signOutButton = nullptr;
    IdleLock *m_idleLock;
    QPointer<AccountSession> m_session;
    QPointer<QWidget> m_focusBeforeLock;
    bool m_sessionOutdated = false;
    QLabel *m_serverStatus;
    QLabel *m_userStatus;
    QLabel *m_pendingChanges;
    int m_pendingChangeCount = 0;
    RegistriesPage *m_registries;
    SetAsidePage *m_setAside;
    ReportsPage *m_reports;
    QAction *m_syncAction = nullptr;
    QLabel *m_syncStatus;
    QProgressBar *m_syncProgress;
    // The engine goes before the replica it writes to.
    std::unique_ptr<ReplicaStore> m_replica;
    std::unique_ptr<SyncEngine> m_sync;
};

} // namespace mts
