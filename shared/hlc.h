// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <functional>
#include <optional>

/// Hybrid logical clock of DESIGN.md ("Records, scopes, buckets, clocks"): 48-bit wall milliseconds, a 16-bit
/// counter, ties broken by the device id.
namespace mts {

/// One HLC stamp. Stamps are totally ordered by (millis, counter, device); the device comparison is by UTF-16 code
/// units (QString's operator<).
struct HlcStamp {
    /// The largest value of the 48-bit millisecond part.
    static constexpr qint64 maxMillis = (qint64(1) << 48) - 1;

    /// Unix time in milliseconds, 0 … maxMillis.
    qint64 millis = 0;
    /// Orders stamps issued within the same millisecond.
    quint16 counter = 0;
    /// The device that issued the stamp; breaks ties between devices.
    QString device;

    /// Whether millis is within 0 … maxMillis and the device id is not empty.
    bool isValid() const;

    /// The fixed-width text form `mmmmmmmmmmmm-cccc-device`: 12 lower-case hex digits of millis, 4 of counter,
    /// then the device id. For valid stamps, comparing these strings with QString's operator< gives the same order as
    /// comparing the stamps.
    QString toString() const;

    /// Parses what toString() writes. std::nullopt for anything else: wrong length, upper-case or non-hex digits,
    /// missing separators, an empty device id.
    static std::optional<HlcStamp> parse(QStringView text);

    friend bool operator==(const HlcStamp &a, const HlcStamp &b)
    {
        return a.millis == b.millis && a.counter == b.counter && a.device == b.device;
    }
    friend bool operator!=(const HlcStamp &a, const HlcStamp &b) { return !(a == b); }
    friend bool operator<(const HlcStamp &a, const HlcStamp &b)
    {
        if (a.millis != b.millis)
            return a.millis < b.millis;
        if (a.counter != b.counter)
            return a.counter < b.counter;
        return a.device < b.device;
    }
    friend bool operator>(const HlcStamp &a, const HlcStamp &b) { return b < a; }
    friend bool operator<=(const HlcStamp &a, const HlcStamp &b) { return !(b < a); }
    friend bool operator>=(const HlcStamp &a, const HlcStamp &b) { return !(a < b); }
};

/// The clock of one device. Not thread-safe: one owner (the replica store) stamps and observes.
///
/// The clock keeps the highest (millis, counter) it has issued or observed. now() issues a stamp above it, so a wall
/// clock that goes backwards (a dead CMOS battery, a time-zone fix) never makes stamps go backwards, and every stamp
/// issued after observe(remote) is above `remote`.
class HybridLogicalClock {
public:
    /// A clock for `device`; `wallMillis` returns the wall time in Unix milliseconds (default: the system clock).
    /// Tests inject their own.
    explicit HybridLogicalClock(QString device, std::function<qint64()> wallMillis = {});

    /// A new stamp for a local event or a send: millis = max(wall, last millis); when that equals the last millis
    /// the counter is incremented, and when the counter would overflow the millis advance by one and the counter
    /// restarts at 0. Always strictly above last() and every observed stamp (until the 48-bit millis saturate, in
    /// the year 10889).
    HlcStamp now();

    /// Receives a stamp from elsewhere (a pulled change, a push response): the clock advances to at least it, so the
    /// next now() is above `remote`. An invalid stamp is ignored.
    void observe(const HlcStamp &remote);

    /// The highest (millis, counter) issued or observed, with this clock's device id. Persist it with every write.
    HlcStamp last() const;

    /// Restores a persisted last() after a restart. Like observe(), it never moves the clock backwards.
    void restore(const HlcStamp &persisted);

    /// The device id this clock stamps with.
    QString device() const { return m_device; }

private:
    QString m_device;
    std::function<qint64()> m_wallMillis;
    qint64 m_millis = 0;
    quint16 m_counter = 0;
};

} // namespace mts
