// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/hlc.h"

#include <QDateTime>

#include <algorithm>

namespace mts {

namespace {

constexpr int millisDigits = 12;
constexpr int counterDigits = 4;
constexpr int prefixLength = millisDigits + 1 + counterDigits + 1;

// Only lower-case digits: with a single spelling per value, string order equals numeric order.
std::optional<quint64> parseLowerHex(QStringView text)
{
    quint64 value = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        int digit;
        if (u >= u'0' && u <= u'9')
            digit = u - u'0';
        else if (u >= u'a' && u <= u'f')
            digit = u - u'a' + 10;
        else
            return std::nullopt;
        value = value * 16 + quint64(digit);
    }
    return value;
}

} // namespace

bool HlcStamp::isValid() const
{
    return millis >= 0 && millis <= maxMillis && !device.isEmpty();
}

QString HlcStamp::toString() const
{
    // Written digit by digit: stamps are written for every op and record a sync moves.
    QString text(prefixLength + device.size(), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(text.data());
    const auto writeHex = [&out](quint64 value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value >>= 4)
            out[i] = u"0123456789abcdef"[value & 0xf];
        out += digits;
    };
    writeHex(quint64(std::clamp(millis, qint64(0), maxMillis)), millisDigits);
    *out++ = u'-';
    writeHex(counter, counterDigits);
    *out++ = u'-';
    std::copy(device.cbegin(), device.cend(), reinterpret_cast<QChar *>(out));
    return text;
}

std::optional<HlcStamp> HlcStamp::parse(QStringView text)
{
    if (text.size() <= prefixLength || text.at(millisDigits) != u'-' || text.at(prefixLength - 1) != u'-')
        return std::nullopt;
    const auto millis = parseLowerHex(text.first(millisDigits));
    const auto counter = parseLowerHex(text.sliced(millisDigits + 1, counterDigits));
    if (!millis || !counter)
        return std::nullopt;
    return HlcStamp { qint64(*millis), quint16(*counter), text.sliced(prefixLength).toString() };
}

HybridLogicalClock::HybridLogicalClock(QString device, std::function<qint64()> wallMillis)
    : m_device(std::move(device))
    , m_wallMillis(wallMillis ? std::move(wallMillis) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

HlcStamp HybridLogicalClock::now()
{
    const qint64 wall = std::clamp(m_wallMillis(), qint64(0), HlcStamp::maxMillis);
    if (wall > m_millis) {
        m_millis = wall;
        m_counter = 0;
    } else if (m_counter < 0xFFFF) {
        ++m_counter;
    } else if (m_millis < HlcStamp::maxMillis) {
        // Borrowing a millisecond from the future keeps stamps strictly increasing; the wall clock catches up.
        ++m_millis;
        m_counter = 0;
    }
    return last();
}

void HybridLogicalClock::observe(const HlcStamp &remote)
{
    if (!remote.isValid())
        return;
    if (remote.millis > m_millis || (remote.millis == m_millis && remote.counter > m_counter)) {
        m_millis = remote.millis;
        m_counter = remote.counter;
    }
}

HlcStamp HybridLogicalClock::last() const
{
    return { m_millis, m_counter, m_device };
}

void HybridLogicalClock::restore(const HlcStamp &persisted)
{
    observe(persisted);
}

} // namespace mts
