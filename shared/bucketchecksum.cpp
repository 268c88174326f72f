// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/bucketchecksum.h"

#include "shared/canonicaljson.h"
#include "shared/crypto.h"

#include <QtEndian>

namespace mts {

namespace {

constexpr int sumDigits = 16;
constexpr qsizetype contentHashBytes = 32;

template <typename T>
void appendLittleEndian(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, qsizetype(sizeof(T)));
}

} // namespace

quint64 BucketChecksum::recordHash(const QString &id, qint64 version, const QJsonObject &fields, bool deleted)
{
    return recordHashOfCanonical(id, version, CanonicalJson::encode(fields), deleted);
}

quint64 BucketChecksum::recordHashOfCanonical(
    const QString &id, qint64 version, QByteArrayView canonicalFields, bool deleted)
{
    return recordHashOfContent(id, version, contentHash(canonicalFields, deleted));
}

QByteArray BucketChecksum::contentHash(QByteArrayView canonicalFields, bool deleted)
{
    QByteArray content;
    content.reserve(canonicalFields.size() + 1);
    content.append(canonicalFields);
    content.append(deleted ? '\x01' : '\x00');
    return crypto::blake2b(content, contentHashBytes);
}

quint64 BucketChecksum::recordHashOfContent(const QString &id, qint64 version, QByteArrayView contentHash)
{
    if (contentHash.size() != contentHashBytes)
        return 0;
    const QByteArray idUtf8 = id.toUtf8();
    QByteArray outer;
    outer.reserve(4 + idUtf8.size() + 8 + contentHash.size());
    appendLittleEndian(outer, quint32(idUtf8.size()));
    outer.append(idUtf8);
    appendLittleEndian(outer, version);
    outer.append(contentHash);
    const QByteArray hash = crypto::blake2b(outer, 16);
    return qFromLittleEndian<quint64>(hash.constData());
}

// Unsigned arithmetic wraps modulo 2^64 by definition, so the sums below have no undefined behaviour.
void BucketChecksum::add(const QString &id, qint64 version, const QJsonObject &fields, bool deleted)
{
    addHash(recordHash(id, version, fields, deleted));
}

void BucketChecksum::remove(const QString &id, qint64 version, const QJsonObject &fields, bool deleted)
{
    removeHash(recordHash(id, version, fields, deleted));
}

QString BucketChecksum::toString() const
{
    return QString::number(count) + QLatin1Char(':') + QStringLiteral("%1").arg(sum, sumDigits, 16, QLatin1Char('0'));
}

std::optional<BucketChecksum> BucketChecksum::parse(QStringView text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0 || text.size() - colon - 1 != sumDigits)
        return std::nullopt;
    const QStringView countText = text.first(colon);
    const QStringView sumText = text.sliced(colon + 1);
    // One spelling per value: no sign, no leading zeros, lower-case hex only.
    for (const QChar c : countText) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    if (countText.size() > 1 && countText.front() == u'0')
        return std::nullopt;
    for (const QChar c : sumText) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return std::nullopt;
    }
    bool countOk = false;
    bool sumOk = false;
    BucketChecksum checksum;
    checksum.count = countText.toULongLong(&countOk, 10);
    checksum.sum = sumText.toULongLong(&sumOk, 16);
    if (!countOk || !sumOk)
        return std::nullopt;
    return checksum;
}

} // namespace mts
