// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverversioninfo.h"

#include "shared/semver.h"
#include <mts/buildinfo.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace mts {

ServerVersionInfo ServerVersionInfo::current()
{
    return { QString::fromLatin1(buildinfo::version), buildinfo::protocolVersion,
        QString::fromLatin1(buildinfo::minimumClientVersion) };
}

QByteArray ServerVersionInfo::toJson() const
{
    const QJsonObject object {
        { QStringLiteral("server_version"), serverVersion },
        { QStringLiteral("protocol_version"), protocolVersion },
        { QStringLiteral("min_client_version"), minimumClientVersion },
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<ServerVersionInfo, ServerVersionInfo::ParseError> ServerVersionInfo::fromJson(const QByteArray &body)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return mts::Error<ParseError> { ParseError::NotJson, parseError.errorString() };
    const QJsonObject object = document.object();
    const QJsonValue server = object.value(QLatin1String("server_version"));
    const QJsonValue protocol = object.value(QLatin1String("protocol_version"));
    const QJsonValue minimum = object.value(QLatin1String("min_client_version"));
    if (!server.isString() || !protocol.isDouble() || !minimum.isString())
        return mts::Error<ParseError> { ParseError::MissingField,
            QStringLiteral("server_version, protocol_version and min_client_version are required") };
    if (!SemVer::parse(server.toString()) || !SemVer::parse(minimum.toString()))
        return mts::Error<ParseError> { ParseError::BadVersion, QStringLiteral("version is not major.minor.patch") };
    return ServerVersionInfo { server.toString(), protocol.toInt(), minimum.toString() };
}

bool ServerVersionInfo::accepts(const QString &clientVersion, int clientProtocol) const
{
    const auto client = SemVer::parse(clientVersion);
    const auto minimum = SemVer::parse(minimumClientVersion);
    return client && minimum && *client >= *minimum && clientProtocol == protocolVersion;
}

} // namespace mts
