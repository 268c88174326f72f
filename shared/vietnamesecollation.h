// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringView>

#include <initializer_list>

/// Vietnamese dictionary order (notes/domain.md §7) as binary sort keys, without ICU or QCollator: a key is
/// stored (a BLOB column of the replica, compared by SQLite's default BINARY order, which is memcmp and then the
/// shorter first), so it must be the same on every machine, platform and build.
///
/// The order follows CLDR/ICU `vi` with normalisation on, in three levels:
/// - primary, letters: a < ă < â < b < c < d < đ < e < ê < f < g < h < i < j < k < l < m < n < o < ô < ơ < p < q
///   < r < s < t < u < ư < v < w < x < y < z, whatever the case or tone. Digits 0–9 come before the letters, one
///   digit at a time ("10" < "9"). A run of white space and punctuation is one word separator, before every digit
///   and letter ("An" < "An Bình" < "Anh"); separators at the start or the end do not count. Every other
///   character (symbols, emoji, other scripts, Latin letters such as ø or ß) comes after z, by code point,
///   case included. Invisible format characters (soft hyphen, zero-width joiners, bidi marks, variation
///   selectors, BOM) are ignored.
/// - secondary, tones, letter by letter from the left: none < huyền (à) < hỏi (ả) < ngã (ã) < sắc (á) < nặng (ạ).
///   Other combining marks (ë, ç) count here too, after the tones.
/// - tertiary, case, letter by letter from the left: lower case before upper case.
///
/// The text may be NFC, NFD or a mix; canonically equivalent texts have the same key. The look-alike Ð U+00D0
/// (and its lower case ð U+00F0) counts as Đ (đ), as in foldForSearch(). Ch, gi, ng, nh, ph, th, tr are two
/// letters each, as in CLDR.
///
/// Key layout, in bytes, with one element for each letter, digit, other character or word separator:
/// - primary weights of the elements: 0x02 word separator, 0x10–0x19 digits, 0x20–0x40 the 33 letters in the
///   order above, 0xF0 followed by three bytes 0x80–0xFF (7 bits each, most significant first) of the code point
///   of any other character (U+25CC for combining marks with no base character);
/// - 0x01, then the secondary weights, one for each element: 0x02 no mark, 0x03–0x07 the five tones in order,
///   0x10 + (mark − U+0300) for any other mark in U+0300–U+036F; an element with several marks has a weight for
///   each, smallest first;
/// - 0x01, then the tertiary weights, one for each element: 0x02 lower case or no case, 0x03 upper case.
///
/// Trailing 0x02 weights of the secondary and tertiary levels, and then trailing 0x01 bytes, are left out: they
/// change no comparison, and leaving them out makes the key of a typical name a quarter shorter. "a" is the single
/// byte 0x20, "à" is 20 01 03, "A" is 20 01 01 03, and the empty text (or one of only separators) has the empty key.
///
/// These bytes are stored in replicas and indexes: any change to the order or the layout is a format change that
/// needs a migration recomputing every stored key. The tests pin a few keys byte for byte.
namespace mts {

/// Sort key of `text` for Vietnamese dictionary order: compare two keys with memcmp, and on a tie the shorter
/// key first (SQLite BLOB order, QByteArray's operator<).
QByteArray vietnameseSortKey(QStringView text);

/// Sort key of several parts compared in turn: the first part decides, at every level, before the second is
/// looked at, and so on. For a person, {tên, tên đệm, họ} (given name, middle name, surname), so that
/// "Nguyễn Văn An" comes before "Trần Bình" and "Lê An" before "Nguyễn An".
///
/// The key is each part's vietnameseSortKey() followed by a 0x00 byte, so it differs from the single-text key
/// even for one part: compare multi-part keys only with multi-part keys of the same number of parts.
QByteArray vietnameseSortKey(std::initializer_list<QStringView> parts);

/// Compares `a` and `b` by their sort keys, for tests and sorts in memory: negative when `a` sorts first, 0 when
/// the keys are equal, positive when `b` sorts first.
int vietnameseCompare(QStringView a, QStringView b);

/// The definition vietnameseSortKey() follows, slower: the whole text put in NFD by Qt first. vietnameseSortKey()
/// gives the same key for every text (tests compare the two).
QByteArray vietnameseSortKeyReference(QStringView text);

} // namespace mts
