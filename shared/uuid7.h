// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

/// Record and op identifiers (DESIGN.md, "Records, scopes, buckets, clocks"): UUIDv7 of RFC 9562, made
/// offline, sortable by creation time.
namespace mts {

/// A new UUIDv7 in the canonical lower-case form `xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx`: 48 bits of Unix
/// time in milliseconds, the version (7), 12 random bits, the variant (binary 10) and 62 random bits from the
/// system's secure generator.
///
/// Within a process the identifiers increase strictly, as numbers and as strings: when the millisecond has not
/// advanced since the previous one (or the clock went back), the previous timestamp is kept and its 74-bit
/// random part is increased by a random amount (RFC 9562 §6.2, method 2). Thread-safe.
QString createUuid7();

/// Whether `text` is a UUID in the canonical 36-character form (either case) with version 7 and variant 10.
bool isUuid7(QStringView text);
/// isUuid7() in lower case, the form createUuid7() writes and the sync protocol requires.
bool isLowerUuid7(QStringView text);

/// The Unix time in milliseconds held by a UUIDv7; -1 when isUuid7(`text`) is false.
qint64 uuid7Millis(QStringView text);

} // namespace mts
