// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace mts {

/// Reads JSON (RFC 8259, UTF-8) in one pass over bytes, without building a document: the counterpart of
/// JsonWriter for the large bodies of the sync protocol. A pull page of 5,000 records parsed into a QJsonDocument
/// and then copied into structs costs several times what reading it in place does, and the records' fields can be
/// kept as the bytes they came in (skip()).
///
/// The reader is strict: anything that is not JSON (a stray comma, a control character or invalid UTF-8 in a
/// string, a leading zero, nesting deeper than maxDepth) makes it fail, and every call after the first failure
/// fails as well, so a caller checks once at the end.
///
///     JsonReader json(body);
///     json.beginObject();
///     while (const auto key = json.nextKey()) {
///         if (*key == "seq") seq = json.integer();
///         else json.skip();
///     }
///     if (!json.atEnd()) …  // malformed
class JsonReader {
public:
    enum class Type { Invalid, Object, Array, String, Number, Bool, Null };
    /// How deep skip() follows nested objects and arrays (QJsonDocument's limit too).
    static constexpr int maxDepth = 1024;

    explicit JsonReader(QByteArrayView json);

    /// The type of the next value, without reading it; Invalid at the end, on a byte no value starts with, or
    /// after a failure.
    Type peek();

    /// Reads `{`; false (and failed) if the next value is not an object.
    bool beginObject();
    /// The next member's name (unescaped UTF-8, a lone surrogate as U+FFFD; valid until the next call), or std::nullopt
    /// when the object ends — `}` is then read — or the reader failed. The member's value is read next.
    std::optional<QByteArrayView> nextKey();

    /// Reads `[`; false (and failed) if the next value is not an array.
    bool beginArray();
    /// Whether another element follows (it is read next); false when the array ends — `]` is then read — or the
    /// reader failed.
    bool nextElement();

    std::optional<QString> string();
    /// A number written as an integer (no fraction, no exponent) that fits in 64 bits.
    std::optional<qint64> integer();
    std::optional<bool> boolean();
    /// Reads a `null`; false if the next value is something else.
    bool null();
    /// Reads the next value, whatever it is, and returns its bytes as they stand; empty on failure.
    QByteArrayView skip();

    /// Whether the reader has not failed and only whitespace is left.
    bool atEnd();
    bool failed() const { return m_failed; }
    /// How many bytes are left to read.
    qsizetype remaining() const { return m_json.size() - m_at; }

    /// The text of a string whose bytes between the quotes are `raw`, escapes undone; `raw` must be well-formed
    /// (as string() or CanonicalJson::splitFlatObject() found it). A `\u` escape of a lone surrogate gives that
    /// code unit, as QJsonDocument reads it.
    static QString unescape(QByteArrayView raw);

private:
    void skipSpace();
    bool fail();
    /// At a `"`: reads the string to its closing quote, checking escapes and UTF-8. Sets `escaped` when it has an
    /// escape. Returns the bytes between the quotes.
    std::optional<QByteArrayView> rawString(bool *escaped);
    bool number();
    bool literal(QByteArrayView word);
    bool skipValue(int depth);

    QByteArrayView m_json;
    qsizetype m_at = 0;
    bool m_failed = false;
    /// Whether the next read item is the first of its container (no comma before it).
    bool m_first = false;
    QByteArray m_key;
};

} // namespace mts
