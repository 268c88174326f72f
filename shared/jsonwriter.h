// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>
#include <QVarLengthArray>

namespace mts {

/// Writes compact JSON (UTF-8, no whitespace) straight into bytes, for the large bodies of the sync protocol: a
/// page of 5,000 records built as QJsonObjects and then serialised costs several times what writing it does.
/// The caller keeps the structure right (keys inside objects, every container closed); the writer places the
/// commas.
///
///     JsonWriter json;
///     json.beginObject().key("seq").value(qint64(7)).key("fields").raw(storedJson).endObject();
///     const QByteArray body = json.take();
class JsonWriter {
public:
    explicit JsonWriter(qsizetype reserve = 256);

    JsonWriter &beginObject() { return open('{'); }
    JsonWriter &endObject() { return close('}'); }
    JsonWriter &beginArray() { return open('['); }
    JsonWriter &endArray() { return close(']'); }
    /// A member name that is plain ASCII needing no escape (the protocol's own names).
    JsonWriter &key(const char *ascii);
    /// Any member name, escaped.
    JsonWriter &key(QStringView name);
    JsonWriter &value(QStringView text);
    JsonWriter &value(const QString &text) { return value(QStringView(text)); }
    JsonWriter &value(qint64 number);
    JsonWriter &value(bool flag);
    /// Any JSON value, as QJsonDocument would write it (text as it is; an integral double of up to 2^53 as an
    /// integer, a NaN or infinity as null).
    JsonWriter &value(const QJsonValue &json);
    JsonWriter &value(const QJsonObject &object) { return value(QJsonValue(object)); }
    /// A value that is JSON already (an object as stored), written as it is.
    JsonWriter &raw(QByteArrayView json);

    /// The bytes written; the writer is empty afterwards.
    QByteArray take();

    /// What appendString() does with a surrogate that is not half of a pair.
    enum class LoneSurrogate {
        Escape, ///< `\udc00`: JSON readers, QJsonDocument's among them, read the same text back.
        Replace, ///< As QString::toUtf8() writes it (the rule of CanonicalJson, which hashes UTF-8).
    };
    /// Appends `text` as a JSON string: quoted, `"` `\` and characters below U+0020 escaped (`\n` and the other
    /// short forms where JSON has one, `\u00xx` otherwise), everything else as UTF-8. The text is written as it
    /// is, not normalised.
    static void appendString(QByteArray &out, QStringView text, LoneSurrogate lone = LoneSurrogate::Escape);

private:
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);
    // Before a value or a key: the comma, unless it opens its container or follows its key.
    void separate();

    QByteArray m_out;
    /// Per open container: whether it holds nothing yet.
    QVarLengthArray<bool, 8> m_empty;
    bool m_afterKey = false;
};

} // namespace mts
