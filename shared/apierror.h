// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace mts {

/// The JSON error body of every 4xx/5xx answer of the API: `{"code", "message", "details"}`.
/// `code` is a stable machine-readable identifier (snake_case) that clients branch on; `message`
/// is English text for logs; `details` carries structured context (limits, field names, …).
struct ApiError {
    QString code;
    QString message;
    QJsonObject details;

    QByteArray toJson() const;
    /// Parses an error body; std::nullopt when the body is not an API error.
    static std::optional<ApiError> fromJson(const QByteArray &body);
};

/// The message of a 400 for a body that is not a JSON object, with the parser's reason and offset when `body` is
/// not JSON at all.
QString notJsonObjectMessage(const QByteArray &body);

namespace apierror {
inline constexpr char bodyTooLarge[] = "body_too_large";
inline constexpr char notFound[] = "not_found";
inline constexpr char badRequest[] = "bad_request";
inline constexpr char unavailable[] = "unavailable";
} // namespace apierror

} // namespace mts
