// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "client/core/accountdirectory.h"
#include "client/core/clientsettings.h"
#include "client/core/idlelock.h"
#include "client/core/replicastore.h"
#include "client/core/servercertificatepin.h"
#include "client/core/serverconnection.h"
#include "client/core/servermonitor.h"
#include "client/core/syncengine.h"
#include "client/ui/modulepage.h"
#include "client/ui/registriespage.h"
#include "client/ui/reportspage.h"
#include "client/ui/rolenames.h"
#include "client/ui/setasidepage.h"
#include "client/ui/settingspage.h"
#include "client/ui/signinscreen.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTime>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace mts {

namespace {
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString splitterKey = QStringLiteral("window/splitter");
/// Accounts (AccountDirectory::accountId) already told that their secrets are kept in the vault file.
const QString vaultNoticeKey = QStringLiteral("notices/vaultFallbackShown");

/// Gives the keyboard focus to the first widget inside `container` that takes it from Tab.
void focusFirstChild(QWidget *container)
{
    for (QWidget *widget = container->nextInFocusChain(); widget && widget != container;
         widget = widget->nextInFocusChain()) {
        if (container->isAncestorOf(widget) && (widget->focusPolicy() & Qt::TabFocus) && widget->isVisible()
            && widget->isEnabled()) {
            widget->setFocus(Qt::TabFocusReason);
            return;
        }
    }
}

} // namespace

MainWindow::MainWindow(ClientSettings *settings, QSettings *windowState, QWidget *parent)
    : MainWindow(settings, windowState, nullptr, parent)
{
}

MainWindow::MainWindow(ClientSettings *settings, QSettings *windowState, AccountSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_windowState(windowState)
    , m_network(new QNetworkAccessManager(this))
    , m_monitor(new ServerMonitor(this))
    , m_idleLock(new IdleLock({}, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    // The program's name is a proper noun, the same in every language.
    setWindowTitle(QStringLiteral("Mặt trận số"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/mattranso.svg")));

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Applications"));
    m_navigation->setFocusPolicy(Qt::StrongFocus);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setUniformItemSizes(true);
    m_navigation->setSpacing(2);
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));

    // The database application: the registries, and the changes the server did not take.
    auto *database = new QTabWidget(m_pages);
    m_registries = new RegistriesPage(database);
    m_setAside = new SetAsidePage(database);
    m_reports = new ReportsPage(database);
    database->addTab(m_registries, tr("Registries"));
    database->addTab(m_reports, tr("Periodic reports"));
    database->addTab(m_setAside, tr("Changes held back"));
    connect(m_reports, &ReportsPage::reportsChanged, this, &MainWindow::updatePendingChanges);
    addPage(Page::Database, QStringLiteral("database"), tr("Database"), database);
    connect(m_registries, &RegistriesPage::recordsChanged, this, &MainWindow::updatePendingChanges);
    connect(m_setAside, &SetAsidePage::resent, this, [this] {
        m_registries->refresh();
        updatePendingChanges();
    });
    connect(m_setAside, &SetAsidePage::countChanged, database, [database, this](int records) {
        database->setTabText(database->indexOf(m_setAside),
            records ? tr("Changes held back (%1)").arg(records) : tr("Changes held back"));
    });
    addPage(Page::Feedback, QStringLiteral("feedback"), tr("Feedback and petitions"),
        new ModulePage(tr("Feedback and petitions"),
            tr("Citizens' feedback and petitions from every channel: receiving, classifying, forwarding to the "
               "competent body, following up, answering the citizen, with deadlines for each step."),
            m_pages));
    addPage(Page::Library, QStringLiteral("library"), tr("Digital library"),
        new ModulePage(tr("Digital library"),
            tr("Legal documents, guidance and forms for the Front's work, searchable even without a connection."),
            m_pages));
    addPage(Page::Assistant, QStringLiteral("assistant"), tr("Virtual assistant"),
        new ModulePage(tr("Virtual assistant"),
            tr("Answers drawn from the digital library with their sources, and drafts of reports and letters "
               "filled in with your unit's data."),
            m_pages));
    addPage(Page::Congresses, QStringLiteral("congress"), tr("Congresses"),
        new ModulePage(tr("Congresses"),
            tr("The progress and results of the Front's congresses in each unit, with summaries for the "
               "province and the centre."),
            m_pages));
    addPage(Page::Reconciliation, QStringLiteral("reconciliation"), tr("Reconciliation"),
        new ModulePage(tr("Reconciliation"),
            tr("For provincial staff: how each commune's data is syncing, conflicting changes to review, and "
               "records entered twice in different communes."),
            m_pages));
    // The settings page sits in a host of its own, so that the sign-in screen can borrow it while nobody is
    // signed in (the server address comes before the first sign-in) without changing the pages' order.
    auto *settingsHost = new QWidget(m_pages);
    m_settingsHost = new QVBoxLayout(settingsHost);
    m_settingsHost->setContentsMargins(0, 0, 0, 0);
    m_settingsPage = new SettingsPage(m_settings, m_network, settingsHost);
    m_settingsPage->setObjectName(QStringLiteral("settingsPage"));
    m_settingsHost->addWidget(m_settingsPage);
    addPage(Page::Settings, QStringLiteral("settings"), tr("Settings"), settingsHost);

    m_navigation->setMinimumWidth(m_navigation->sizeHintForColumn(0) + 2 * m_navigation->frameWidth() + 16);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_navigation);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ m_navigation->minimumWidth(), 1000 }); // until a saved state says otherwise

    // A notice that does not block anything: the cadre reads it, or just goes on working.
    m_vaultNotice = new QFrame(this);
    m_vaultNotice->setObjectName(QStringLiteral("vaultNotice"));
    m_vaultNotice->setFrameShape(QFrame::StyledPanel);
    auto *vaultText = new QLabel(tr("No system keychain was found on this computer. Your sign-in secrets are kept "
                                    "in an encrypted file protected by your password instead; there is nothing "
                                    "you need to do."),
        m_vaultNotice);
    vaultText->setObjectName(QStringLiteral("vaultNoticeText"));
    vaultText->setTextFormat(Qt::PlainText);
    vaultText->setWordWrap(true);
    auto *vaultDismiss = new QPushButton(tr("OK, I understand"), m_vaultNotice);
    vaultDismiss->setObjectName(QStringLiteral("dismissVaultNoticeButton"));
    vaultDismiss->setAutoDefault(true);
    connect(vaultDismiss, &QPushButton::clicked, this, [this] {
        m_vaultNotice->hide();
        m_navigation->setFocus();
    });
    auto *vaultLayout = new QHBoxLayout(m_vaultNotice);
    vaultLayout->addWidget(vaultText, 1);
    vaultLayout->addWidget(vaultDismiss);
    m_vaultNotice->hide();

    m_workspace = new QWidget(this);
    m_workspace->setObjectName(QStringLiteral("workspace"));
    auto *workspaceLayout = new QVBoxLayout(m_workspace);
    workspaceLayout->setContentsMargins(0, 0, 0, 0);
    workspaceLayout->addWidget(m_vaultNotice);
    workspaceLayout->addWidget(m_splitter, 1);

    m_signInScreen = new SignInScreen(nullptr, m_settings, this);
    m_signInScreen->setObjectName(QStringLiteral("signInScreen"));
    connect(m_signInScreen, &SignInScreen::settingsRequested, this, &MainWindow::showSignedOutSettings);

    m_signedOutSettings = new QWidget(this);
    m_signedOutSettings->setObjectName(QStringLiteral("signedOutSettings"));
    auto *backButton = new QPushButton(tr("Back to sign-in"), m_signedOutSettings);
    backButton->setObjectName(QStringLiteral("backToSignInButton"));
    backButton->setAutoDefault(true);
    backButton->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(backButton, &QPushButton::clicked, this, [this] {
        returnSettingsPage();
        m_screens->setCurrentWidget(m_signInScreen);
        updateScreens();
    });
    auto *backRow = new QHBoxLayout;
    backRow->addWidget(backButton);
    backRow->addStretch();
    m_signedOutSettingsHost = new QVBoxLayout(m_signedOutSettings);
    m_signedOutSettingsHost->addLayout(backRow);

    m_screens = new QStackedWidget(this);
    m_screens->setObjectName(QStringLiteral("screens"));
    m_screens->addWidget(m_workspace);
    m_screens->addWidget(m_signInScreen);
    m_screens->addWidget(m_signedOutSettings);
    setCentralWidget(m_screens);
    setTabOrder(m_navigation, m_pages);

    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    m_userStatus = new QLabel(tr("Not signed in"), this);
    m_userStatus->setObjectName(QStringLiteral("userStatus"));
    m_pendingChanges = new QLabel(this);
    m_pendingChanges->setObjectName(QStringLiteral("pendingChanges"));
    m_syncStatus = new QLabel(this);
    m_syncStatus->setObjectName(QStringLiteral("syncStatus"));
    m_syncProgress = new QProgressBar(this);
    m_syncProgress->setObjectName(QStringLiteral("syncProgress"));
    m_syncProgress->setMaximumWidth(160);
    m_syncProgress->setTextVisible(false);
    m_syncProgress->hide();
    statusBar()->addWidget(m_serverStatus, 1);
    statusBar()->addWidget(m_syncStatus);
    statusBar()->addWidget(m_syncProgress);
    statusBar()->addPermanentWidget(m_userStatus);
    statusBar()->addPermanentWidget(m_pendingChanges);
    setPendingChangeCount(0);

    connect(m_monitor, &ServerMonitor::checkStarted, this, &MainWindow::showServerChecking);
    connect(m_monitor, &ServerMonitor::statusChanged, this, &MainWindow::showServerStatus);
    connect(m_settingsPage, &SettingsPage::serverSettingsChanged, this, &MainWindow::serverSettingsChanged);
    connect(m_idleLock, &IdleLock::locked, this, [this] {
        if (m_session)
            m_session->lock();
    });

    restoreWindowState();
    if (session)
        setAccountSession(session);
    else
        updateScreens();
    m_navigation->setFocus();
    connectServerMonitor();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page page, const QString &objectName, const QString &title, QWidget *widget)
{
    const int index = static_cast<int>(page);
    Q_ASSERT(index == m_pages->count());
    widget->setObjectName(objectName);
    m_pages->addWidget(widget);

    const QKeySequence shortcut(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_1 + index)));
    auto *item = new QListWidgetItem(title, m_navigation);
    item->setData(Qt::UserRole, objectName);
    item->setToolTip(tr("%1 (%2)").arg(title, shortcut.toString(QKeySequence::NativeText)));

    auto *switcher = new QShortcut(shortcut, this);
    connect(switcher, &QShortcut::activated, this, [this, page] { showPage(page); });
    m_pageShortcuts.append(switcher);
}

void MainWindow::createAccountActions()
{
    m_lockAction = new QAction(tr("&Lock"), this);
    m_lockAction->setObjectName(QStringLiteral("lockAction"));
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setToolTip(tr("Hide your work until you type your password again (%1)")
                                 .arg(m_lockAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_lockAction, &QAction::triggered, this, [this] {
        if (m_session)
            m_session->lock();
    });
    m_syncAction = new QAction(tr("&Sync now"), this);
    m_syncAction->setObjectName(QStringLiteral("syncAction"));
    m_syncAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_syncAction->setToolTip(tr("Send your changes to the server and receive the others' now (%1)")
                                 .arg(m_syncAction->shortcut().toString(QKeySequence::NativeText)));
    m_syncAction->setEnabled(false);
    connect(m_syncAction, &QAction::triggered, this, [this] {
        if (m_sync)
            m_sync->start();
    });
    addAction(m_syncAction);
    m_signOutAction = new QAction(tr("Sign &out"), this);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    m_signOutAction->setToolTip(tr("End your session on this computer, so that someone else can sign in"));
    connect(m_signOutAction, &QAction::triggered, this, [this] {
        if (m_session)
            m_session->signOut();
    });
    // Also on the window itself, so Ctrl+L works whether or not the menu bar is shown.
    addAction(m_lockAction);

    // Not Alt+A: the settings page's "Server &address" has it.
    QMenu *account = menuBar()->addMenu(tr("A&ccount"));
    account->setObjectName(QStringLiteral("accountMenu"));
    account->addAction(m_syncAction);
    account->addAction(m_lockAction);
    account->addSeparator();
    account->addAction(m_signOutAction);

    // The same actions next to the user's name, where a cadre leaving the PC looks for them.
    m_lockButton = new QToolButton(this);
    m_lockButton->setObjectName(QStringLiteral("lockButton"));
    m_lockButton->setDefaultAction(m_lockAction);
    m_lockButton->setAutoRaise(true);
    m_signOutButton = new QToolButton(this);
    m_signOutButton->setObjectName(QStringLiteral("signOutButton"));
    m_signOutButton->setDefaultAction(m_signOutAction);
    m_signOutButton->setAutoRaise(true);
    // Right after the user's name: [server status] [user] [lock] [sign out] [pending changes].
    statusBar()->removeWidget(m_pendingChanges);
    statusBar()->addPermanentWidget(m_lockButton);
    statusBar()->addPermanentWidget(m_signOutButton);
    statusBar()->addPermanentWidget(m_pendingChanges);
    m_pendingChanges->show(); // removeWidget() hid it
}

void MainWindow::setAccountSession(AccountSession *session)
{
    if (!m_lockAction) {
        createAccountActions();
        // Every key press and click anywhere in the program counts as activity for the idle lock.
        qApp->installEventFilter(this);
    }
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    m_sessionOutdated = false;
    // The sign-in screen first: it prepares its view for a state before the window shows it.
    m_signInScreen->setAccountSession(session);
    if (m_session) {
        connect(m_session, &AccountSession::stateChanged, this, &MainWindow::sessionStateChanged);
        connect(m_session, &AccountSession::failed, this, &MainWindow::sessionFailed);
    }
    sessionStateChanged(m_session ? m_session->state() : AccountSession::State::SignedOut);
}

void MainWindow::setUrlOpener(UrlOpener opener)
{
    m_signInScreen->setUrlOpener(std::move(opener));
}

QString MainWindow::signedInText(const Identity &identity)
{
    const QString role = RoleNames::displayName(identity.role);
    // Unlocked offline, the session knows the user name only.
    if (role.isEmpty() && identity.unit.isEmpty())
        return tr("Signed in: %1").arg(identity.username);
    return tr("Signed in: %1 (%2, %3)").arg(identity.username, role, identity.unit);
}

void MainWindow::sessionStateChanged(AccountSession::State state)
{
    switch (state) {
    case AccountSession::State::Unlocked:
        if (m_idleLock->isLocked())
            m_idleLock->unlock();
        else
            m_idleLock->start();
        break;
    case AccountSession::State::SignedOut:
        m_focusBeforeLock.clear();
        // Whoever signs in next starts with a lock that is neither locked nor watching yet.
        if (m_idleLock->isLocked())
            m_idleLock->unlock();
        m_idleLock->stop();
        m_vaultNotice->hide();
        break;
    case AccountSession::State::SigningIn:
    case AccountSession::State::PasswordNeeded:
        m_idleLock->stop();
        break;
    case AccountSession::State::Locked:
        m_idleLock->stop();
        // Unlocking returns the cadre to the field they were typing in.
        if (QWidget *focus = QApplication::focusWidget(); focus && m_workspace->isAncestorOf(focus))
            m_focusBeforeLock = focus;
        closeDialogs();
        break;
    }
    if (state == AccountSession::State::Unlocked)
        openAccountData();
    else
        closeAccountData();
    updateScreens();
    if (state == AccountSession::State::Unlocked)
        showVaultNoticeOnce();
    if (state == AccountSession::State::SignedOut)
        checkSessionOutdated();
}

void MainWindow::sessionFailed(const QString &message)
{
    // Before unlocking the sign-in screen shows the message in place; afterwards (a refresh token that ended,
    // for instance) the status bar does, without interrupting the work.
    if (m_session && m_session->state() == AccountSession::State::Unlocked)
        statusBar()->showMessage(message, 15000);
}

void MainWindow::updateScreens()
{
    const bool needsSession = m_lockAction != nullptr;
    const bool unlocked = !needsSession || (m_session && m_session->state() == AccountSession::State::Unlocked);
    const bool signedOut = m_session && m_session->state() == AccountSession::State::SignedOut;
    if (m_lockAction) {
        m_lockAction->setEnabled(unlocked);
        m_signOutAction->setEnabled(unlocked);
        menuBar()->setVisible(unlocked);
        m_lockButton->setVisible(unlocked);
        m_signOutButton->setVisible(unlocked);
    }
    updateUserStatus();

    if (unlocked) {
        returnSettingsPage();
        const bool wasShown = m_screens->currentWidget() == m_workspace;
        showWorkspace(true);
        if (!wasShown && isVisible()) {
            QWidget *focus = m_focusBeforeLock && m_focusBeforeLock->isVisible() ? m_focusBeforeLock.data()
                                                                                 : static_cast<QWidget *>(m_navigation);
            focus->setFocus(Qt::OtherFocusReason);
        }
        m_focusBeforeLock.clear();
        return;
    }
    showWorkspace(false);
    // The settings stay open while nobody is signed in; any other state takes them back.
    if (signedOut && m_screens->currentWidget() == m_signedOutSettings)
        return;
    returnSettingsPage();
    m_screens->setCurrentWidget(m_signInScreen);
    if (isVisible())
        m_signInScreen->focusInput();
}

void MainWindow::showWorkspace(bool shown)
{
    // Hidden and disabled: nothing of the applications can be reached by Tab, shortcut or mnemonic.
    m_workspace->setEnabled(shown);
    for (QShortcut *shortcut : std::as_const(m_pageShortcuts))
        shortcut->setEnabled(shown);
    if (shown)
        m_screens->setCurrentWidget(m_workspace);
}

void MainWindow::updateUserStatus()
{
    if (!m_session) {
        m_userStatus->setText(tr("Not signed in"));
        m_userStatus->setToolTip(QString());
        return;
    }
    const Identity &identity = m_session->identity();
    switch (m_session->state()) {
    case AccountSession::State::Unlocked:
        m_userStatus->setText(signedInText(identity));
        m_userStatus->setToolTip(identity.displayName);
        break;
    case AccountSession::State::Locked:
        m_userStatus->setText(tr("Locked: %1").arg(identity.username));
        m_userStatus->setToolTip(identity.displayName);
        break;
    case AccountSession::State::SignedOut:
    case AccountSession::State::SigningIn:
    case AccountSession::State::PasswordNeeded:
        m_userStatus->setText(tr("Not signed in"));
        m_userStatus->setToolTip(QString());
        break;
    }
}

void MainWindow::closeDialogs()
{
    // A dialog of the window left open would show data over the lock screen (or, modal, block it).
    if (QWidget *popup = QApplication::activePopupWidget())
        popup->close();
    const auto dialogs = findChildren<QDialog *>();
    for (QDialog *dialog : dialogs) {
        if (dialog->isVisible())
            dialog->reject();
    }
}

void MainWindow::showSignedOutSettings()
{
    if (!m_session || m_session->state() != AccountSession::State::SignedOut)
        return;
    // Taken out of its layout first: QLayout warns about a widget moved between layouts directly.
    m_settingsHost->removeWidget(m_settingsPage);
    m_signedOutSettingsHost->addWidget(m_settingsPage, 1);
    m_settingsPage->show();
    m_screens->setCurrentWidget(m_signedOutSettings);
    focusFirstChild(m_settingsPage);
}

void MainWindow::returnSettingsPage()
{
    if (m_settingsPage->parentWidget() == m_settingsHost->parentWidget())
        return;
    m_signedOutSettingsHost->removeWidget(m_settingsPage);
    m_settingsHost->addWidget(m_settingsPage);
    m_settingsPage->show();
}

void MainWindow::serverSettingsChanged()
{
    connectServerMonitor();
    m_signInScreen->updateServer();
    if (!m_session)
        return;
    m_sessionOutdated = true;
    if (m_session->state() == AccountSession::State::SignedOut)
        checkSessionOutdated();
    else
        statusBar()->showMessage(tr("The new server address is used after you sign out."), 15000);
}

void MainWindow::checkSessionOutdated()
{
    if (!m_sessionOutdated)
        return;
    // Queued: the owner destroys the old session, which may be the one whose signal brought us here.
    QTimer::singleShot(0, this, [this] {
        if (m_sessionOutdated && m_session && m_session->state() == AccountSession::State::SignedOut) {
            m_sessionOutdated = false;
            Q_EMIT accountSessionOutdated();
        }
    });
}

void MainWindow::showVaultNoticeOnce()
{
    if (!m_session || !m_session->usesVaultFallback())
        return;
    const QString account = AccountDirectory::accountId(m_settings->serverUrl(), m_session->identity().username);
    QStringList shown = m_windowState->value(vaultNoticeKey).toStringList();
    if (shown.contains(account))
        return;
    shown.append(account);
    m_windowState->setValue(vaultNoticeKey, shown);
    m_vaultNotice->show();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        m_idleLock->activity();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showPage(Page page)
{
    if (!m_workspace->isEnabled())
        return;
    m_navigation->setCurrentRow(static_cast<int>(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

void MainWindow::openAccountData()
{
    if (m_replica || !m_session)
        return;
    const QString folder = m_session->accountFolder();
    auto replica = std::make_unique<ReplicaStore>(folder + QStringLiteral("/replica.sqlite"), m_session->dataKey());
    if (auto opened = replica->open(); !opened) {
        m_syncStatus->setText(tr("Your data on this computer cannot be opened: %1. Tell your administrator; do not "
                                 "delete the folder %2.")
                                  .arg(opened.error().message, folder));
        return;
    }
    m_replica = std::move(replica);
    m_sync = std::make_unique<SyncEngine>(m_replica.get(),
        ServerConnection(
            m_network, m_settings->serverUrl(), ServerCertificatePin::fromPem(m_settings->pinnedCertificatePem())),
        SyncEngine::credentialsOf(m_session), folder + QStringLiteral("/sync.lock"));
    connect(m_sync.get(), &SyncEngine::progress, this, [this](qint64 done, qint64 total, qint64) {
        m_syncProgress->setRange(0, int(std::min<qint64>(total, std::numeric_limits<int>::max())));
        m_syncProgress->setValue(int(std::min(done, total)));
        m_syncProgress->show();
        m_syncStatus->setText(tr("Syncing: %1 of %2").arg(done).arg(total));
    });
    connect(m_sync.get(), &SyncEngine::finished, this, [this](const SyncEngine::Result &result) {
        m_syncProgress->hide();
        m_syncStatus->setText(result.isOk()
                ? tr("Synced at %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat))
                : result.message);
        m_registries->refresh();
        m_reports->refresh();
        m_setAside->refresh();
        updatePendingChanges();
    });
    m_registries->setReplica(m_replica.get(), m_session->identity().unit, m_session->dataKey());
    m_setAside->setReplica(m_replica.get());
    m_reports->setReplica(m_replica.get(), m_session->identity().unit, roleFromName(m_session->identity().role));
    m_syncAction->setEnabled(true);
    updatePendingChanges();
    m_sync->setAutomatic(true);
}

void MainWindow::closeAccountData()
{
    if (!m_replica)
        return;
    m_syncAction->setEnabled(false);
    m_registries->setReplica(nullptr, {});
    m_setAside->setReplica(nullptr);
    m_reports->setReplica(nullptr, {}, std::nullopt);
    if (m_sync)
        m_sync->cancel();
    m_sync.reset();
    m_replica.reset();
    m_syncProgress->hide();
    m_syncStatus->clear();
    setPendingChangeCount(0);
}

void MainWindow::updatePendingChanges()
{
    if (m_replica)
        setPendingChangeCount(std::max(0, m_replica->pendingCount()));
}

void MainWindow::setPendingChangeCount(int count)
{
    m_pendingChangeCount = count;
    m_pendingChanges->setText(tr("Pending sync: %1").arg(count));
    m_pendingChanges->setToolTip(tr("Changes made on this computer that have not been sent to the server yet."));
}

void MainWindow::connectServerMonitor()
{
    m_monitor->setConnection(ServerConnection(
        m_network, m_settings->serverUrl(), ServerCertificatePin::fromPem(m_settings->pinnedCertificatePem())));
}

void MainWindow::showServerChecking()
{
    // Keep the last result on screen during the periodic re-checks; only the first check says "checking".
    if (m_monitor->lastStatus())
        return;
    m_serverStatus->setText(tr("Server: checking…"));
    m_serverStatus->setToolTip(m_settings->serverUrl().toDisplayString());
}

void MainWindow::showServerStatus(const ServerStatus &status)
{
    QString text;
    switch (status.error) {
    case ServerStatus::Error::None:
        text = tr("Server: connected");
        break;
    case ServerStatus::Error::TlsUntrusted:
        text = tr("Server: certificate not trusted");
        break;
    case ServerStatus::Error::IncompatibleVersion:
        text = tr("Server: this program needs an update");
        break;
    case ServerStatus::Error::InvalidUrl:
        text = tr("Server: address not valid");
        break;
    case ServerStatus::Error::Unreachable:
    case ServerStatus::Error::Timeout:
    case ServerStatus::Error::TlsFailed:
    case ServerStatus::Error::BadResponse:
    case ServerStatus::Error::Unhealthy:
        text = tr("Server: cannot connect");
        break;
    }
    m_serverStatus->setText(text);
    m_serverStatus->setToolTip(status.message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(m_windowState->value(geometryKey).toByteArray()))
        resize(1000, 680);
    restoreState(m_windowState->value(stateKey).toByteArray());
    m_splitter->restoreState(m_windowState->value(splitterKey).toByteArray());
}

void MainWindow::saveWindowState()
{
    m_windowState->setValue(geometryKey, saveGeometry());
    m_windowState->setValue(stateKey, saveState());
    m_windowState->setValue(splitterKey, m_splitter->saveState());
    m_windowState->sync();
}

} // namespace mts
