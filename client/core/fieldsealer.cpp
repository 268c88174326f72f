// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldsealer.h"

#include "shared/crypto.h"

#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>

namespace mts {

namespace {

// Made for every field sealed or opened: on the stack, and ASCII (record ids, field names) copied as it is.
using AssociatedData = QVarLengthArray<char, 128>;

void appendWithLength(AssociatedData &out, const QString &part)
{
    const bool ascii = std::all_of(part.cbegin(), part.cend(), [](QChar c) { return c.unicode() < 0x80; });
    const QByteArray utf8 = ascii ? QByteArray() : part.toUtf8();
    const quint32 length = qToBigEndian(quint32(ascii ? part.size() : utf8.size()));
    out.append(reinterpret_cast<const char *>(&length), sizeof length);
    if (ascii) {
        for (const QChar c : part)
            out.append(char(c.unicode()));
    } else {
        out.append(utf8.constData(), utf8.size());
    }
}

/// Associated data: version, record id and field, each length-prefixed so that no two (record, field) pairs
/// give the same bytes ("a:b" + "c" vs "a" + "b:c").
AssociatedData associatedData(const QString &recordId, const QString &field)
{
    static constexpr char prefix[] = "mattranso:field:";
    AssociatedData out;
    out.append(prefix, sizeof prefix - 1);
    out.append(FieldSealer::versionByte);
    appendWithLength(out, recordId);
    appendWithLength(out, field);
    return out;
}

QByteArrayView view(const AssociatedData &data)
{
    return QByteArrayView(data.constData(), data.size());
}

} // namespace

FieldSealer::FieldSealer(QByteArrayView dataKey)
{
    if (dataKey.size() == crypto::keyBytes)
        m_key = crypto::blake2b("mattranso:field-key:v1", crypto::keyBytes, dataKey);
}

std::unique_ptr<FieldSealer> FieldSealer::twin() const
{
    auto twin = std::make_unique<FieldSealer>(QByteArrayView());
    twin->m_key = QByteArray(m_key.constData(), m_key.size());
    return twin;
}

FieldSealer::~FieldSealer()
{
    crypto::wipe(m_key);
}

QByteArray FieldSealer::seal(const QString &recordId, const QString &field, QByteArrayView plaintext) const
{
    if (!isValid())
        return {};
    // Random nonces drawn from a buffer refilled from the system generator: one system call per 256 seals
    // instead of one each (a pull seals two or three fields per record).
    constexpr qsizetype nonceBytes = crypto::sealOverhead - 16;
    if (m_noncePool.size() - m_noncePosition < nonceBytes) {
        m_noncePool = crypto::randomBytes(nonceBytes * 256);
        m_noncePosition = 0;
        if (m_noncePool.size() < nonceBytes)
            return {};
    }
    const QByteArrayView nonce = QByteArrayView(m_noncePool).sliced(m_noncePosition, nonceBytes);
    m_noncePosition += nonceBytes;
    const QByteArray sealed = crypto::sealWithNonce(m_key, nonce, plaintext, view(associatedData(recordId, field)));
    if (sealed.isEmpty())
        return {};
    return versionByte + sealed;
}

std::optional<QByteArray> FieldSealer::open(const QString &recordId, const QString &field, QByteArrayView sealed) const
{
    if (!isValid() || !isSealed(sealed))
        return std::nullopt;
    return crypto::open(m_key, sealed.sliced(1), view(associatedData(recordId, field)));
}

bool FieldSealer::isSealed(QByteArrayView value)
{
    return value.size() >= 1 + crypto::sealOverhead && value.front() == versionByte;
}

} // namespace mts
