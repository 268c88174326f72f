// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "encoding.h"

#include <array>

namespace mts::encoding {

namespace {

// The value of each base64 digit; -1 for every other byte.
constexpr std::array<qint8, 256> base64Digits = [] {
    std::array<qint8, 256> digits {};
    digits.fill(-1);
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        digits[uchar(alphabet[i])] = qint8(i);
    return digits;
}();

} // namespace

QByteArray base64url(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64(QByteArrayView text)
{
    const qsizetype size = text.size();
    if (size % 4 != 0)
        return std::nullopt;
    const qsizetype padding = size == 0 ? 0 : text.endsWith("==") ? 2 : text.endsWith('=') ? 1 : 0;
    QByteArray bytes(size / 4 * 3 - padding, Qt::Uninitialized);
    char *out = bytes.data();
    for (qsizetype at = 0; at < size; at += 4) {
        const bool last = at + 4 == size;
        const int a = base64Digits[uchar(text[at])];
        const int b = base64Digits[uchar(text[at + 1])];
        const int c = last && padding == 2 ? 0 : base64Digits[uchar(text[at + 2])];
        const int d = last && padding >= 1 ? 0 : base64Digits[uchar(text[at + 3])];
        if ((a | b | c | d) < 0)
            return std::nullopt;
        const quint32 group = quint32(a) << 18 | quint32(b) << 12 | quint32(c) << 6 | quint32(d);
        *out++ = char(group >> 16);
        if (!last || padding < 2)
            *out++ = char(group >> 8);
        if (!last || padding < 1)
            *out++ = char(group);
    }
    return bytes;
}

QJsonValue bytesToJson(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toBase64());
}

std::optional<QByteArray> bytesFromJson(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    return fromBase64(value.toString().toLatin1());
}

} // namespace mts::encoding
