// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <optional>

/// The byte encodings the project writes, defined once.
namespace mts::encoding {

/// Unpadded base64url (RFC 4648 §5), as JOSE, PKCE and our tokens use it.
QByteArray base64url(QByteArrayView bytes);

/// Standard padded base64 (RFC 4648 §4), as QByteArray::toBase64() writes it, decoded; std::nullopt for anything
/// else (a length not a multiple of 4, a byte outside the alphabet, padding anywhere but at the end). A table
/// lookup per byte: the client opens two sealed fields of every op it pushes, and QByteArray's decoder, which
/// accepts every variant, took as long as the decryption.
std::optional<QByteArray> fromBase64(QByteArrayView text);

/// Bytes kept in a JSON file (salts, wrapped keys): standard base64 as a JSON string.
QJsonValue bytesToJson(QByteArrayView bytes);
/// The reverse; std::nullopt unless the value is a string of valid base64.
std::optional<QByteArray> bytesFromJson(const QJsonValue &value);

} // namespace mts::encoding
