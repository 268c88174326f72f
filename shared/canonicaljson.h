// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QVarLengthArray>

namespace mts {

/// The one canonical JSON encoding of DESIGN.md ("Checksums per bucket"), used wherever record fields or ops are
/// hashed: equal content gives equal bytes, whatever order the keys came in and however a string was normalised.
///
/// The encoding, as UTF-8 with no whitespace anywhere:
/// - objects: keys NFC-normalised, then sorted by UTF-16 code units (QString's operator<, which is *not* code-point
///   order for characters above U+FFFF); nested objects and arrays are canonical too; array order is kept;
/// - strings (values and keys): NFC-normalised; escaped minimally — `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
///   characters below U+0020 as `\u00xx` (lower-case hex); everything else, including `/` and non-ASCII, as UTF-8;
/// - numbers: integers as decimal integers; doubles that hold an integer of magnitude at most 2^53 also as that
///   integer (so `1.0` and `1` hash the same); other doubles in the shortest form that reads back to the same
///   double (`QByteArray::number(d, 'g', QLocale::FloatingPointShortest)`, e.g. `0.1`, `1e+300`, `1.5e-07`);
/// - `true`, `false`, `null`.
class CanonicalJson {
public:
    /// The canonical bytes of `value`. Empty — never a valid encoding — when `value` has none: a NaN or infinite
    /// number, an undefined value, or an object with two keys that are equal after NFC normalisation.
    static QByteArray encode(const QJsonValue &value);
    /// Appends the canonical form of the string `text` (quoted, NFC, escaped): for writers that assemble an
    /// encoding from parts, such as an object whose keys they know to be in order.
    static void appendString(QByteArray &out, const QString &text);

    /// A member of an object as splitFlatObject() finds it.
    struct Member {
        /// The name, between its quotes: printable ASCII without `"` or `\`.
        QByteArrayView key;
        /// The value as written: a string with its quotes, an integer, `true`, `false` or `null`.
        QByteArrayView value;
    };
    using Members = QVarLengthArray<Member, 16>;
    /// Splits `json` into its members when it is exactly encode() of an object whose names are printable ASCII
    /// and whose values are strings, integers of magnitude at most 2^53, booleans or null, with no character NFC
    /// could change and no character above U+1EFF — the form of every record's fields — telling so without
    /// parsing or normalising anything. False for anything else, JSON or not (the caller then parses it and calls
    /// encode()); `members` is then unspecified.
    static bool splitFlatObject(QByteArrayView json, Members *members);
};

} // namespace mts
