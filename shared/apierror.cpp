// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "apierror.h"

#include <QJsonDocument>

namespace mts {

QByteArray ApiError::toJson() const
{
    QJsonObject object {
        { QStringLiteral("code"), code },
        { QStringLiteral("message"), message },
        { QStringLiteral("details"), details },
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ApiError> ApiError::fromJson(const QByteArray &body)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonValue code = object.value(QLatin1String("code"));
    if (!code.isString() || code.toString().isEmpty())
        return std::nullopt;
    return ApiError { code.toString(), object.value(QLatin1String("message")).toString(),
        object.value(QLatin1String("details")).toObject() };
}

QString notJsonObjectMessage(const QByteArray &body)
{
    QJsonParseError error {};
    QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("The body is not a JSON object (%1 at offset %2).")
            .arg(error.errorString())
            .arg(error.offset);
    return QStringLiteral("The body is not a JSON object.");
}

} // namespace mts
