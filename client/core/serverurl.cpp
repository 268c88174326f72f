// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverurl.h"

#include <QCoreApplication>

namespace mts {

namespace {

QString message(ServerUrl::Problem problem)
{
    switch (problem) {
    case ServerUrl::Problem::Empty:
        return QCoreApplication::translate(
            "mts::ServerUrl", "Enter the server address, for example https://mattranso.example.vn.");
    case ServerUrl::Problem::NotHttps:
        return QCoreApplication::translate("mts::ServerUrl",
            "The server address must start with https:// so that the connection is encrypted, for example "
            "https://mattranso.example.vn.");
    case ServerUrl::Problem::Invalid:
        return QCoreApplication::translate("mts::ServerUrl",
            "This is not a valid server address. Write https:// followed by the server's name or IP address, for "
            "example https://mattranso.example.vn or https://192.168.1.10:8443.");
    }
    Q_UNREACHABLE();
    return QString();
}

Error<ServerUrl::Problem> failure(ServerUrl::Problem problem)
{
    return { problem, message(problem) };
}

} // namespace

Result<QUrl, ServerUrl::Problem> ServerUrl::fromUserInput(const QString &text)
{
    // Tolerant parsing would "repair" some typos into a different address than the one on the screen.
    QUrl url(text.trimmed(), QUrl::StrictMode);
    if (const auto usable = check(url); !usable)
        return usable.error();
    return url;
}

Status<ServerUrl::Problem> ServerUrl::check(const QUrl &url)
{
    // A failed parse is not empty (QUrl keeps the error), so only an absent address gets here as empty.
    if (url.isEmpty())
        return failure(Problem::Empty);
    // The scheme first: it survives a failed parse, and "use https" is the more useful advice.
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0)
        return failure(Problem::NotHttps);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return failure(Problem::Invalid);
    return ok;
}

} // namespace mts
