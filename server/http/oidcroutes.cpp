// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "oidcroutes.h"

#include "server/core/oidcprovider.h"
#include "server/http/httpexchange.h"
#include "shared/apierror.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QThreadPool>
#include <QtConcurrent>

namespace mts {

namespace {

using StatusCode = QHttpServerResponse::StatusCode;

const QByteArray sessionCookie = QByteArrayLiteral("mts_session");

QString pageTemplate()
{
    static const QString page = [] {
        QFile file(QStringLiteral(":/pages/signin.html"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }();
    return page;
}

QString renderPage(const QString &title, const QString &intro, const QString &error, const QString &form)
{
    QString page = pageTemplate();
    page.replace(QStringLiteral("{{title}}"), title.toHtmlEscaped());
    page.replace(QStringLiteral("{{intro}}"), intro.toHtmlEscaped());
    page.replace(QStringLiteral("{{error}}"),
        error.isEmpty() ? QString()
                        : QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>").arg(error.toHtmlEscaped()));
    page.replace(QStringLiteral("{{form}}"), form);
    return page;
}

QString signInPage(
    const AuthorizationRequest &request, const QString &clientName, const QString &username, const QString &error)
{
    QString hidden;
    const QUrlQuery params = request.toQuery();
    for (const auto &[key, value] : params.queryItems(QUrl::FullyDecoded))
        hidden += QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">\n")
                      .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
    const QString form = QStringLiteral("<form method=\"post\" action=\"/oidc/authorize\" autocomplete=\"on\">\n")
        + hidden
        + QStringLiteral(
            "<label for=\"username\">Tên đăng nhập</label>\n"
            "<input type=\"text\" id=\"username\" name=\"username\" value=\"%1\" autocomplete=\"username\" "
            "required autofocus>\n"
            "<label for=\"password\">Mật khẩu</label>\n"
            "<input type=\"password\" id=\"password\" name=\"password\" "
            "autocomplete=\"current-password\" required>\n"
            "<button type=\"submit\">Đăng nhập</button>\n"
            "</form>\n"
            "<p class=\"note\">Một tài khoản dùng cho mọi ứng dụng của Mặt trận số. Quên mật khẩu? Hãy "
            "liên hệ cán bộ quản trị của đơn vị.</p>")
              .arg(username.toHtmlEscaped());
    return renderPage(QStringLiteral("Đăng nhập"),
        QStringLiteral("Đăng nhập để tiếp tục vào: %1").arg(clientName.isEmpty() ? request.clientId : clientName),
        error, form);
}

QHttpServerResponse errorPage(const QString &message)
{
    return http::html(renderPage(QStringLiteral("Không thể đăng nhập"),
                          QStringLiteral("Yêu cầu đăng nhập không hợp lệ, nên không thể tiếp tục."), message,
                          QStringLiteral("<p class=\"note\">Hãy mở lại ứng dụng và thử đăng nhập lại. Nếu vẫn lỗi, "
                                         "báo cho cán bộ quản trị.</p>")),
        StatusCode::BadRequest);
}

QHttpServerResponse oauthFailure(const OAuthError &error)
{
    QHttpServerResponse response = http::json(QJsonObject { { QStringLiteral("error"), error.error },
                                                  { QStringLiteral("error_description"), error.description } },
        StatusCode(error.status));
    if (error.status == 401) {
        const QByteArray scheme = error.error == QLatin1String("invalid_client")
            ? QByteArrayLiteral("Basic realm=\"mattranso\"")
            : QByteArrayLiteral("Bearer error=\"") + error.error.toLatin1() + '"';
        response.addHeader(QByteArrayLiteral("WWW-Authenticate"), scheme);
    }
    return response;
}

QByteArray sessionCookieHeader(const QByteArray &value, qint64 maxAge)
{
    return sessionCookie + '=' + value + "; Path=/oidc; Max-Age=" + QByteArray::number(maxAge)
        + "; HttpOnly; Secure; SameSite=Lax";
}

QHttpServerResponse authorize(OidcProvider *provider, const HttpExchange &exchange, bool posted)
{
    const QUrlQuery params = posted ? exchange.form() : QUrlQuery(exchange.url);
    const AuthorizationRequest request = AuthorizationRequest::fromQuery(params);
    if (const auto invalid = provider->validate(request)) {
        if (!invalid->redirectable)
            return errorPage(invalid->error.description);
        return http::redirect(OidcProvider::errorRedirect(request, invalid->error, provider->settings().issuer));
    }
    const QString clientName = provider->clientName(request.clientId);
    if (!posted) {
        if (const auto url = provider->authorizeWithSession(request, exchange.cookieValue(sessionCookie)))
            return http::redirect(*url);
        if (request.prompt == QLatin1String("none"))
            return http::redirect(OidcProvider::errorRedirect(request,
                { QStringLiteral("login_required"), QStringLiteral("The user is not signed in."), 400 },
                provider->settings().issuer));
        return http::html(signInPage(request, clientName, {}, {}));
    }
    const QString username = params.queryItemValue(QStringLiteral("username"), QUrl::FullyDecoded);
    const QString password = params.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded);
    const auto signedIn = provider->signIn(request, username, password, exchange.remoteAddress);
    if (!signedIn) {
        const auto &failure = signedIn.error().code;
        switch (failure.failure) {
        case OidcProvider::SignInFailure::Throttled: {
            QHttpServerResponse response
                = http::html(signInPage(request, clientName, username,
                                 QStringLiteral("Đã nhập sai quá nhiều lần. Vui lòng thử lại sau %1 phút.")
                                     .arg((failure.retryAfterSeconds + 59) / 60)),
                    StatusCode::TooManyRequests);
            response.addHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(failure.retryAfterSeconds));
            return response;
        }
        case OidcProvider::SignInFailure::Disabled:
            return http::html(signInPage(request, clientName, username,
                                  QStringLiteral("Tài khoản này đã bị khóa. Hãy liên hệ cán bộ quản trị của đơn vị.")),
                StatusCode::Forbidden);
        case OidcProvider::SignInFailure::WrongCredentials:
            return http::html(signInPage(request, clientName, username,
                                  QStringLiteral("Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra bộ gõ "
                                                 "tiếng Việt và phím Caps Lock rồi thử lại.")),
                StatusCode::Unauthorized);
        case OidcProvider::SignInFailure::Invalid:
            return errorPage(failure.message);
        case OidcProvider::SignInFailure::Storage:
            break;
        }
        return http::html(signInPage(request, clientName, username,
                              QStringLiteral("Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.")),
            StatusCode::ServiceUnavailable);
    }
    QHttpServerResponse response = http::redirect(signedIn.value().redirect);
    response.addHeader(QByteArrayLiteral("Set-Cookie"),
        sessionCookieHeader(signedIn.value().sessionId, provider->settings().sessionSeconds));
    return response;
}

} // namespace

void OidcRoutes::add(QHttpServer &server, QThreadPool *workers, OidcProvider *provider)
{
    server.route(QStringLiteral("/.well-known/openid-configuration"), QHttpServerRequest::Method::Get,
        [provider] { return http::json(provider->discoveryDocument()); });

    server.route(QStringLiteral("/oidc/jwks"), QHttpServerRequest::Method::Get,
        [workers, provider](const QHttpServerRequest &request) {
            return http::onWorkers(
                workers, request, [provider](const HttpExchange &) { return http::json(provider->jwks()); });
        });

    server.route(QStringLiteral("/oidc/authorize"), QHttpServerRequest::Method::Get,
        [workers, provider](const QHttpServerRequest &request) {
            return http::onWorkers(workers, request,
                [provider](const HttpExchange &exchange) { return authorize(provider, exchange, false); });
        });
    server.route(QStringLiteral("/oidc/authorize"), QHttpServerRequest::Method::Post,
        [workers, provider](const QHttpServerRequest &request) {
            return http::onWorkers(workers, request,
                [provider](const HttpExchange &exchange) { return authorize(provider, exchange, true); });
        });

    server.route(QStringLiteral("/oidc/token"), QHttpServerRequest::Method::Post,
        [workers, provider](const QHttpServerRequest &request) {
            return http::onWorkers(workers, request, [provider](const HttpExchange &exchange) {
                const auto tokens = provider->token(exchange.form(), exchange.authorization, exchange.remoteAddress);
                return tokens ? http::json(tokens.value()) : oauthFailure(tokens.error().code);
            });
        });

    server.route(QStringLiteral("/oidc/userinfo"), QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Post,
        [workers, provider](const QHttpServerRequest &request) {
            return http::onWorkers(workers, request, [provider](const HttpExchange &exchange) {
                const auto info = provider->userInfo(exchange.authorization);
                return info ? http::json(info.value()) : oauthFailure(info.error().code);
            });
        });

    server.route(QStringLiteral("/oidc/revoke"), QHttpServerRequest::Method::Post,
        [workers, provider](const QHttpServerRequest &request) {
            return http::onWorkers(workers, request, [provider](const HttpExchange &exchange) {
                const auto revoked = provider->revoke(exchange.form(), exchange.authorization);
                return revoked ? http::json(QJsonObject()) : oauthFailure(revoked.error().code);
            });
        });

    server.route(QStringLiteral("/oidc/logout"), QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Post,
        [workers, provider](const QHttpServerRequest &request) {
            const bool posted = request.method() == QHttpServerRequest::Method::Post;
            return http::onWorkers(workers, request, [provider, posted](const HttpExchange &exchange) {
                const QUrlQuery params = posted ? exchange.form() : QUrlQuery(exchange.url);
                const auto ended = provider->endSession(params, exchange.cookieValue(sessionCookie));
                if (!ended)
                    return errorPage(ended.error().code.description);
                QHttpServerResponse response = ended.value().isEmpty()
                    ? http::html(renderPage(QStringLiteral("Đã đăng xuất"),
                        QStringLiteral("Bạn đã đăng xuất khỏi Mặt trận số trên trình duyệt này."), {}, {}))
                    : http::redirect(ended.value());
                response.addHeader(QByteArrayLiteral("Set-Cookie"), sessionCookieHeader({}, 0));
                return response;
            });
        });
}

} // namespace mts
