// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "signinscreen.h"

#include "client/core/accountdirectory.h"
#include "client/core/clientsettings.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace mts {

namespace {

/// The error red of the settings page, so every inline error of the program looks the same.
const QColor errorColor(0xb0, 0x00, 0x20);

QLabel *wrappedLabel(const QString &objectName, QWidget *parent, const QString &text = {})
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QLabel *headingLabel(const QString &objectName, QWidget *parent, const QString &text = {})
{
    QLabel *label = wrappedLabel(objectName, parent, text);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLineEdit *passwordField(const QString &objectName, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setEchoMode(QLineEdit::Password);
    return field;
}

QPushButton *button(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *pushButton = new QPushButton(text, parent);
    pushButton->setObjectName(objectName);
    // Outside a dialog a button ignores Enter unless it is an auto-default one; keyboard users press Enter.
    pushButton->setAutoDefault(true);
    return pushButton;
}

/// Who is signed in, as people read it: "Nguyễn Thị Hoa (canbo.hoankiem)", or the user name alone.
QString personName(const Identity &identity)
{
    if (identity.displayName.isEmpty() || identity.displayName == identity.username)
        return identity.username;
    return QStringLiteral("%1 (%2)").arg(identity.displayName, identity.username);
}

/// Runs a call that computes a password hash on this thread (Argon2id, up to a second or two on an old PC):
/// the wait cursor says the program has not hung.
template <typename Call>
void withWaitCursor(Call call)
{
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    call();
    QGuiApplication::restoreOverrideCursor();
}

} // namespace

SignInScreen::SignInScreen(AccountSession *session, ClientSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
{
    // The program's name is a proper noun, the same in every language.
    auto *title = new QLabel(QStringLiteral("Mặt trận số"), this);
    title->setObjectName(QStringLiteral("title"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *subtitle = new QLabel(tr("Vietnam Fatherland Front"), this);
    subtitle->setObjectName(QStringLiteral("subtitle"));

    m_views = new QStackedWidget(this);
    m_views->setObjectName(QStringLiteral("signInViews"));
    m_signedOutView = createSignedOutView();
    m_signingInView = createSigningInView();
    m_passwordNeededView = createPasswordNeededView();
    m_lockedView = createLockedView();
    for (QWidget *view : { m_signedOutView, m_signingInView, m_passwordNeededView, m_lockedView })
        m_views->addWidget(view);

    m_busy = wrappedLabel(QStringLiteral("signInBusy"), this);
    m_busy->hide();
    m_error = wrappedLabel(QStringLiteral("signInError"), this);
    QPalette errorPalette;
    errorPalette.setColor(QPalette::WindowText, errorColor);
    m_error->setPalette(errorPalette);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    // A column of readable width in the middle of the window, however large the window is.
    auto *card = new QWidget(this);
    card->setObjectName(QStringLiteral("signInCard"));
    card->setMaximumWidth(560);
    card->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->addWidget(title);
    cardLayout->addWidget(subtitle);
    cardLayout->addSpacing(12);
    cardLayout->addWidget(m_views);
    cardLayout->addWidget(m_busy);
    cardLayout->addWidget(m_error);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(card, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);

    setAccountSession(session);
}

SignInScreen::~SignInScreen() = default;

QWidget *SignInScreen::createSignedOutView()
{
    auto *view = new QWidget(this);
    view->setObjectName(QStringLiteral("signedOutView"));

    auto *heading = headingLabel(QStringLiteral("signedOutHeading"), view, tr("Sign in to start working"));
    auto *explanation = wrappedLabel(QStringLiteral("signInExplanation"), view,
        tr("Sign in with your user name and password in the web browser. The first sign-in on this computer "
           "needs a network connection."));
    m_signInButton = button(QStringLiteral("signInButton"), tr("Sign in"), view);
    connect(m_signInButton, &QPushButton::clicked, this, &SignInScreen::signInOnline);
    auto *signInRow = new QHBoxLayout;
    signInRow->addWidget(m_signInButton);
    signInRow->addStretch();

    auto *offline = new QGroupBox(tr("Work offline"), view);
    offline->setObjectName(QStringLiteral("offlineGroup"));
    auto *offlineHint = wrappedLabel(QStringLiteral("offlineHint"), offline,
        tr("An account that has signed in on this computer before can be unlocked with its password when there "
           "is no network."));
    m_noOfflineAccounts = wrappedLabel(QStringLiteral("noOfflineAccounts"), offline,
        tr("No account has signed in on this computer yet. Sign in once with a network connection first."));
    m_offlineFields = new QWidget(offline);
    m_offlineFields->setObjectName(QStringLiteral("offlineFields"));
    m_offlineAccount = new QComboBox(m_offlineFields);
    m_offlineAccount->setObjectName(QStringLiteral("offlineAccount"));
    m_offlinePassword = passwordField(QStringLiteral("offlinePassword"), m_offlineFields);
    m_offlineUnlockButton = button(QStringLiteral("offlineUnlockButton"), tr("Unlock"), m_offlineFields);
    auto *accountLabel = new QLabel(tr("&Account:"), m_offlineFields);
    accountLabel->setBuddy(m_offlineAccount);
    auto *passwordLabel = new QLabel(tr("&Password:"), m_offlineFields);
    passwordLabel->setBuddy(m_offlinePassword);
    auto *fields = new QGridLayout(m_offlineFields);
    fields->setContentsMargins(0, 0, 0, 0);
    fields->addWidget(accountLabel, 0, 0);
    fields->addWidget(m_offlineAccount, 0, 1);
    fields->addWidget(passwordLabel, 1, 0);
    fields->addWidget(m_offlinePassword, 1, 1);
    auto *unlockRow = new QHBoxLayout;
    unlockRow->addWidget(m_offlineUnlockButton);
    unlockRow->addStretch();
    fields->addLayout(unlockRow, 2, 1);
    fields->setColumnStretch(1, 1);
    auto *offlineLayout = new QVBoxLayout(offline);
    offlineLayout->addWidget(offlineHint);
    offlineLayout->addWidget(m_noOfflineAccounts);
    offlineLayout->addWidget(m_offlineFields);
    connect(m_offlinePassword, &QLineEdit::returnPressed, this, &SignInScreen::unlockOffline);
    connect(m_offlineUnlockButton, &QPushButton::clicked, this, &SignInScreen::unlockOffline);

    m_serverUrl = wrappedLabel(QStringLiteral("signInServerUrl"), view);
    m_serverUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_settingsButton = button(QStringLiteral("serverSettingsButton"), tr("Server settings…"), view);
    m_settingsButton->setToolTip(tr("Change the server address or the certificate this computer trusts."));
    connect(m_settingsButton, &QPushButton::clicked, this, &SignInScreen::settingsRequested);
    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_serverUrl, 1);
    serverRow->addWidget(m_settingsButton);

    auto *layout = new QVBoxLayout(view);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(explanation);
    layout->addLayout(signInRow);
    layout->addSpacing(12);
    layout->addWidget(offline);
    layout->addSpacing(12);
    layout->addLayout(serverRow);
    layout->addStretch();
    return view;
}

QWidget *SignInScreen::createSigningInView()
{
    auto *view = new QWidget(this);
    view->setObjectName(QStringLiteral("signingInView"));
    auto *heading = headingLabel(QStringLiteral("signingInHeading"), view, tr("Signing in"));
    m_signingInStatus = wrappedLabel(QStringLiteral("signingInStatus"), view);
    m_authorizationUrlField = new QLineEdit(view);
    m_authorizationUrlField->setObjectName(QStringLiteral("authorizationUrl"));
    m_authorizationUrlField->setReadOnly(true);
    m_authorizationUrlField->setAccessibleName(tr("Sign-in address"));
    m_reopenBrowserButton = button(QStringLiteral("reopenBrowserButton"), tr("Open the browser again"), view);
    m_cancelSignInButton = button(QStringLiteral("cancelSignInButton"), tr("Cancel"), view);
    m_cancelSignInButton->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_reopenBrowserButton, &QPushButton::clicked, this, [this] {
        if (m_authorizationUrl.isValid())
            openBrowser(m_authorizationUrl);
    });
    connect(m_cancelSignInButton, &QPushButton::clicked, this, &SignInScreen::cancelSignIn);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reopenBrowserButton);
    buttons->addWidget(m_cancelSignInButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(view);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(m_signingInStatus);
    layout->addWidget(m_authorizationUrlField);
    layout->addLayout(buttons);
    layout->addStretch();
    return view;
}

QWidget *SignInScreen::createPasswordNeededView()
{
    auto *view = new QWidget(this);
    view->setObjectName(QStringLiteral("passwordNeededView"));
    m_passwordNeededGreeting = headingLabel(QStringLiteral("passwordNeededGreeting"), view);
    auto *explanation = wrappedLabel(QStringLiteral("passwordNeededExplanation"), view,
        tr("To protect the data kept on this computer when you work without a network, type your password once "
           "more. It is the password you have just used in the web browser."));
    m_confirmPassword = passwordField(QStringLiteral("confirmPassword"), view);
    auto *passwordLabel = new QLabel(tr("&Password:"), view);
    passwordLabel->setBuddy(m_confirmPassword);
    m_confirmPasswordButton = button(QStringLiteral("confirmPasswordButton"), tr("Confirm"), view);
    m_passwordNeededSignOutButton = button(QStringLiteral("passwordNeededSignOutButton"), tr("Sign out"), view);
    connect(m_confirmPassword, &QLineEdit::returnPressed, this, &SignInScreen::confirmPassword);
    connect(m_confirmPasswordButton, &QPushButton::clicked, this, &SignInScreen::confirmPassword);
    connect(m_passwordNeededSignOutButton, &QPushButton::clicked, this, &SignInScreen::signOut);

    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(passwordLabel);
    passwordRow->addWidget(m_confirmPassword, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_confirmPasswordButton);
    buttons->addWidget(m_passwordNeededSignOutButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(view);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_passwordNeededGreeting);
    layout->addWidget(explanation);
    layout->addLayout(passwordRow);
    layout->addLayout(buttons);
    layout->addStretch();
    return view;
}

QWidget *SignInScreen::createLockedView()
{
    auto *view = new QWidget(this);
    view->setObjectName(QStringLiteral("lockedView"));
    auto *heading = headingLabel(QStringLiteral("lockedHeading"), view, tr("Locked"));
    m_lockedUser = wrappedLabel(QStringLiteral("lockedUser"), view);
    m_lockedPassword = passwordField(QStringLiteral("lockedPassword"), view);
    auto *passwordLabel = new QLabel(tr("&Password:"), view);
    passwordLabel->setBuddy(m_lockedPassword);
    m_unlockButton = button(QStringLiteral("unlockButton"), tr("Unlock"), view);
    m_lockedSignOutButton = button(QStringLiteral("lockedSignOutButton"), tr("Sign out"), view);
    connect(m_lockedPassword, &QLineEdit::returnPressed, this, &SignInScreen::unlock);
    connect(m_unlockButton, &QPushButton::clicked, this, &SignInScreen::unlock);
    connect(m_lockedSignOutButton, &QPushButton::clicked, this, &SignInScreen::signOut);

    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(passwordLabel);
    passwordRow->addWidget(m_lockedPassword, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_unlockButton);
    buttons->addWidget(m_lockedSignOutButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(view);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(m_lockedUser);
    layout->addLayout(passwordRow);
    layout->addLayout(buttons);
    layout->addStretch();
    return view;
}

void SignInScreen::setAccountSession(AccountSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    if (m_session) {
        connect(m_session, &AccountSession::stateChanged, this, &SignInScreen::showState);
        connect(m_session, &AccountSession::openBrowser, this, &SignInScreen::openBrowser);
        connect(m_session, &AccountSession::failed, this, &SignInScreen::showError);
    }
    updateServer();
    showState(m_session ? m_session->state() : AccountSession::State::SignedOut);
}

void SignInScreen::setUrlOpener(UrlOpener opener)
{
    m_openUrl = std::move(opener);
}

void SignInScreen::updateServer()
{
    m_serverUrl->setText(tr("Server: %1").arg(m_settings->serverUrl().toDisplayString()));
    updateKnownAccounts();
}

void SignInScreen::updateKnownAccounts()
{
    QString preferred = m_offlineAccount->currentData().toString();
    if (!m_preferredAccount.isEmpty())
        preferred = m_preferredAccount;
    m_offlineAccount->clear();
    if (m_session) {
        // Only the accounts of the server in the settings: the session unlocks accounts of its own server.
        const QString server = AccountDirectory::normalizedServer(m_settings->serverUrl());
        for (const AccountDirectory::Account &account : m_session->knownAccounts()) {
            if (AccountDirectory::normalizedServer(account.server) == server)
                m_offlineAccount->addItem(account.username, account.username);
        }
    }
    const int index = m_offlineAccount->findData(preferred);
    m_offlineAccount->setCurrentIndex(index >= 0 ? index : 0);
    const bool any = m_offlineAccount->count() > 0;
    m_offlineFields->setVisible(any);
    m_noOfflineAccounts->setVisible(!any);
}

void SignInScreen::showState(AccountSession::State state)
{
    // Whatever was typed or said belongs to the previous state.
    setBusy(false);
    clearError();
    clearPasswords();
    m_submittedFrom = nullptr;
    switch (state) {
    case AccountSession::State::SignedOut:
        m_authorizationUrl.clear();
        updateKnownAccounts();
        m_views->setCurrentWidget(m_signedOutView);
        break;
    case AccountSession::State::SigningIn:
        m_authorizationUrl.clear();
        m_signingInStatus->setText(tr("Connecting to the server…"));
        m_authorizationUrlField->clear();
        m_authorizationUrlField->hide();
        m_reopenBrowserButton->hide();
        m_views->setCurrentWidget(m_signingInView);
        break;
    case AccountSession::State::PasswordNeeded: {
        const Identity &identity = m_session->identity();
        m_passwordNeededGreeting->setText(
            tr("Welcome, %1").arg(identity.displayName.isEmpty() ? identity.username : identity.displayName));
        m_views->setCurrentWidget(m_passwordNeededView);
        break;
    }
    case AccountSession::State::Unlocked:
        m_preferredAccount = m_session->identity().username;
        break;
    case AccountSession::State::Locked:
        m_lockedUser->setText(
            tr("%1 is signed in. The session was locked to protect the data; type your password to go on.")
                .arg(personName(m_session->identity())));
        m_views->setCurrentWidget(m_lockedView);
        break;
    }
    if (isVisible())
        focusInput();
}

void SignInScreen::focusInput()
{
    QWidget *target = nullptr;
    const QWidget *view = m_views->currentWidget();
    if (view == m_signedOutView)
        target = m_submittedFrom == m_offlinePassword ? static_cast<QWidget *>(m_offlinePassword) : m_signInButton;
    else if (view == m_signingInView)
        target = m_cancelSignInButton;
    else if (view == m_passwordNeededView)
        target = m_confirmPassword;
    else if (view == m_lockedView)
        target = m_lockedPassword;
    if (target && target->isEnabled())
        target->setFocus(Qt::OtherFocusReason);
}

QString SignInScreen::errorMessage() const
{
    return m_error->text();
}

void SignInScreen::openBrowser(const QUrl &url)
{
    m_authorizationUrl = url;
    const bool opened = m_openUrl ? m_openUrl(url) : QDesktopServices::openUrl(url);
    m_signingInStatus->setText(opened
            ? tr("The web browser has opened the sign-in page. Finish signing in there, then come back here.")
            : tr("The web browser could not be opened. Copy this address into a web browser to sign in:"));
    m_authorizationUrlField->setText(url.toString(QUrl::FullyEncoded));
    m_authorizationUrlField->setCursorPosition(0);
    m_authorizationUrlField->setVisible(!opened);
    m_reopenBrowserButton->show();
}

void SignInScreen::showError(const QString &message)
{
    // Once unlocked the window shows the session's messages itself (a failed token refresh, for instance).
    if (!m_session || m_session->state() == AccountSession::State::Unlocked)
        return;
    setBusy(false);
    clearPasswords();
    m_error->setText(message);
    m_error->show();
    if (m_submittedFrom && m_submittedFrom->isVisible())
        m_submittedFrom->setFocus(Qt::OtherFocusReason);
    else if (isVisible())
        focusInput();
}

void SignInScreen::clearError()
{
    m_error->clear();
    m_error->hide();
}

void SignInScreen::clearPasswords()
{
    for (QLineEdit *field : { m_offlinePassword, m_confirmPassword, m_lockedPassword })
        field->clear();
}

void SignInScreen::setBusy(bool busy, const QString &text)
{
    m_busy->setText(text);
    m_busy->setVisible(busy && !text.isEmpty());
    m_views->setEnabled(!busy);
}

void SignInScreen::signInOnline()
{
    if (!m_session)
        return;
    clearError();
    m_session->signInOnline();
}

void SignInScreen::cancelSignIn()
{
    if (m_session)
        m_session->cancelSignIn();
}

void SignInScreen::unlockOffline()
{
    if (!m_session || m_session->state() != AccountSession::State::SignedOut || m_offlineAccount->count() == 0)
        return;
    m_submittedFrom = m_offlinePassword;
    const QString password = m_offlinePassword->text();
    if (password.isEmpty()) {
        showError(tr("Type the password of this account."));
        return;
    }
    clearError();
    const QString username = m_offlineAccount->currentData().toString();
    withWaitCursor([&] { m_session->unlockOffline(username, password); });
}

void SignInScreen::confirmPassword()
{
    if (!m_session || m_session->state() != AccountSession::State::PasswordNeeded)
        return;
    m_submittedFrom = m_confirmPassword;
    const QString password = m_confirmPassword->text();
    if (password.isEmpty()) {
        showError(tr("Type your password."));
        return;
    }
    clearError();
    // On the first sign-in on this computer the server checks the password: the answer takes a moment.
    setBusy(true, tr("Checking the password…"));
    withWaitCursor([&] { m_session->confirmPassword(password); });
}

void SignInScreen::unlock()
{
    if (!m_session || m_session->state() != AccountSession::State::Locked)
        return;
    m_submittedFrom = m_lockedPassword;
    const QString password = m_lockedPassword->text();
    if (password.isEmpty()) {
        showError(tr("Type your password."));
        return;
    }
    clearError();
    withWaitCursor([&] { m_session->unlock(password); });
}

void SignInScreen::signOut()
{
    if (m_session)
        m_session->signOut();
}

} // namespace mts
