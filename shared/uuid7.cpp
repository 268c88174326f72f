// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uuid7.h"

#include "shared/crypto.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <mutex>

namespace mts {

namespace {

constexpr quint64 maxMillis = (quint64(1) << 48) - 1;
constexpr quint64 randBLimit = quint64(1) << 62;
constexpr quint64 randALimit = quint64(1) << 12;

/// The 74 random bits, as the 12 of rand_a and the 62 of rand_b.
struct RandomPart {
    quint64 high = 0;
    quint64 low = 0;
};

quint64 randomWord()
{
    const QByteArray bytes = crypto::randomBytes(8);
    quint64 word = 0;
    for (const char b : bytes)
        word = (word << 8) | quint8(b);
    return word;
}

/// A fresh random part whose top bit is clear, so the increments of a busy millisecond have 2^73 of room
/// before they could overflow (RFC 9562 §6.2 suggests such a guard bit).
RandomPart freshRandom()
{
    return { randomWord() & ((randALimit >> 1) - 1), randomWord() & (randBLimit - 1) };
}

/// Adds `amount` (< 2^62); false on overflow of the 74 bits.
bool increment(RandomPart &part, quint64 amount)
{
    part.low += amount;
    if (part.low >= randBLimit) {
        part.low -= randBLimit;
        ++part.high;
    }
    return part.high < randALimit;
}

struct Generator {
    std::mutex mutex;
    quint64 lastMillis = 0;
    RandomPart lastRandom;
};

Generator &generator()
{
    static Generator instance;
    return instance;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

bool isHyphenPosition(qsizetype i)
{
    return i == 8 || i == 13 || i == 18 || i == 23;
}

} // namespace

QString createUuid7()
{
    quint64 millis = 0;
    RandomPart random;
    {
        Generator &g = generator();
        const std::lock_guard lock(g.mutex);
        const quint64 now = quint64(qMax<qint64>(0, QDateTime::currentMSecsSinceEpoch())) & maxMillis;
        if (now > g.lastMillis) {
            g.lastMillis = now;
            g.lastRandom = freshRandom();
        } else if (!increment(g.lastRandom, 1 + (randomWord() & 0xFFFFFFFF))) {
            // 2^41 ids in one millisecond: borrow the next millisecond rather than wrap.
            ++g.lastMillis;
            g.lastRandom = freshRandom();
        }
        millis = g.lastMillis;
        random = g.lastRandom;
    }

    std::array<quint8, 16> bytes {};
    for (int i = 0; i < 6; ++i)
        bytes[i] = quint8(millis >> (8 * (5 - i)));
    bytes[6] = quint8(0x70 | (random.high >> 8));
    bytes[7] = quint8(random.high);
    bytes[8] = quint8(0x80 | (random.low >> 56));
    for (int i = 9; i < 16; ++i)
        bytes[i] = quint8(random.low >> (8 * (15 - i)));

    static constexpr char16_t digits[] = u"0123456789abcdef";
    QString text;
    text.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text.append(QLatin1Char('-'));
        text.append(QChar(digits[bytes[i] >> 4]));
        text.append(QChar(digits[bytes[i] & 0x0F]));
    }
    return text;
}

bool isUuid7(QStringView text)
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isHyphenPosition(i) ? text[i] != QLatin1Char('-') : hexValue(text[i]) < 0)
            return false;
    }
    return text[14] == QLatin1Char('7') && (hexValue(text[19]) & 0xC) == 0x8;
}

bool isLowerUuid7(QStringView text)
{
    return isUuid7(text) && std::none_of(text.begin(), text.end(), [](QChar c) { return c >= u'A' && c <= u'F'; });
}

qint64 uuid7Millis(QStringView text)
{
    if (!isUuid7(text))
        return -1;
    qint64 millis = 0;
    for (qsizetype i = 0; i < 13; ++i) {
        if (i != 8)
            millis = (millis << 4) | hexValue(text[i]);
    }
    return millis;
}

} // namespace mts
