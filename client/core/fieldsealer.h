// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace mts {

/// Encrypts sensitive fields at rest (citizen ID numbers, phone numbers, petition submitters, unknown fields;
/// DESIGN.md) with the account's data key.
///
/// A sealed value is `0x81 ‖ nonce ‖ ciphertext ‖ tag` (XChaCha20-Poly1305). The ciphertext is bound to the
/// record id and the field name, so a value copied into another record or field does not open. The first byte
/// is the format version; it is a UTF-8 continuation byte, which no UTF-8 text starts with, so isSealed() never
/// mistakes a plain text value for a sealed one.
///
/// Fields are sealed under a key derived from the data key for this purpose only, so the data key's other uses
/// (blob chunks, …) never share a key with it.
class FieldSealer {
public:
    /// A sealer with the account's data key (crypto::keyBytes); the sealer keeps its own derived key only.
    explicit FieldSealer(QByteArrayView dataKey);
    ~FieldSealer();

    FieldSealer(const FieldSealer &) = delete;
    FieldSealer &operator=(const FieldSealer &) = delete;

    /// A sealer with the same key and a nonce pool of its own, for another thread: a sealer is used by one thread
    /// at a time.
    std::unique_ptr<FieldSealer> twin() const;

    /// False when the data key had the wrong size; seal() then returns an empty array and open() nothing.
    bool isValid() const { return !m_key.isEmpty(); }

    /// `plaintext` sealed for `field` of record `recordId`.
    QByteArray seal(const QString &recordId, const QString &field, QByteArrayView plaintext) const;
    /// The plaintext of a value seal() made for the same record and field; std::nullopt when the value was made
    /// for another record or field, under another key, or was altered.
    std::optional<QByteArray> open(const QString &recordId, const QString &field, QByteArrayView sealed) const;

    /// Whether `value` has the form of a sealed value (version byte and minimum length); says nothing about
    /// whether it opens.
    static bool isSealed(QByteArrayView value);

    /// The version byte that starts every value of the current format.
    static constexpr char versionByte = char(0x81);

private:
    QByteArray m_key;
    mutable QByteArray m_noncePool;
    mutable qsizetype m_noncePosition = 0;
};

} // namespace mts
