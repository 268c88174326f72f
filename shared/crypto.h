// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <optional>

/// Thin wrappers over libsodium, so no other file includes <sodium.h> and every use picks the same primitives:
/// Argon2id for passwords and password-derived keys, XChaCha20-Poly1305 for sealing data at rest, BLAKE2b for
/// content hashes.
namespace mts::crypto {

/// Bytes of a symmetric key (XChaCha20-Poly1305) and of a salt for deriveKey().
inline constexpr int keyBytes = 32;
inline constexpr int saltBytes = 16;
/// Bytes that seal() adds to the plaintext (nonce + tag).
inline constexpr int sealOverhead = 24 + 16;

/// Cryptographically secure random bytes.
QByteArray randomBytes(qsizetype count);

/// Cost of an Argon2id computation. `interactive` (64 MiB, 2 passes, about 60–120 ms on the office PCs we
/// target) is the floor; tests may use `minimum` to stay fast.
struct PasswordCost {
    quint64 opsLimit;
    size_t memLimit;
    static PasswordCost interactive();
    static PasswordCost moderate();
    static PasswordCost minimum();
    /// Whether a cost read from a file is one to compute: at least libsodium's minimum, at most what an old office
    /// PC can still do (a tampered file must not make us allocate unbounded memory).
    bool isAcceptable() const;
};

/// An Argon2id hash string ("$argon2id$v=19$m=…") of `password`, with a fresh salt; empty on failure
/// (out of memory).
QByteArray hashPassword(QByteArrayView password, PasswordCost cost = PasswordCost::interactive());
/// Whether `password` matches a hash made by hashPassword(). Constant-time; false for a malformed hash.
bool verifyPassword(QByteArrayView hash, QByteArrayView password);

/// A key of keyBytes derived from `password` and `salt` (saltBytes) with Argon2id; empty on failure.
QByteArray deriveKey(QByteArrayView password, QByteArrayView salt, PasswordCost cost = PasswordCost::interactive());

/// Encrypts and authenticates `plaintext` under `key` (keyBytes) with XChaCha20-Poly1305 and a random nonce.
/// `associated` is authenticated but not encrypted (bind a ciphertext to its row and column with it).
/// Returns nonce ‖ ciphertext ‖ tag; empty when the key has the wrong size.
QByteArray seal(QByteArrayView key, QByteArrayView plaintext, QByteArrayView associated = {});
/// The same with a caller-chosen 24-byte nonce (content-addressed chunks whose nonce derives from the content).
QByteArray sealWithNonce(
    QByteArrayView key, QByteArrayView nonce, QByteArrayView plaintext, QByteArrayView associated = {});
/// Opens what seal() produced; std::nullopt when the key, the data or the associated data do not match.
std::optional<QByteArray> open(QByteArrayView key, QByteArrayView sealed, QByteArrayView associated = {});

/// BLAKE2b with an output of `outBytes` (16–64), keyed when `key` is given.
QByteArray blake2b(QByteArrayView data, int outBytes = 32, QByteArrayView key = {});

/// BLAKE2b over data that arrives in pieces (a blob read chunk by chunk), so it never has to be whole in memory:
/// result() equals blake2b() of the pieces concatenated, however they were cut.
///
///     crypto::Blake2bStream hash;
///     for (const QByteArray &chunk : chunks)
///         hash.addData(chunk);
///     const QByteArray digest = hash.result();
class Blake2bStream {
public:
    /// An output of `outBytes` (16–64); isValid() is false for any other size.
    explicit Blake2bStream(int outBytes = 32);
    ~Blake2bStream();
    Blake2bStream(const Blake2bStream &) = delete;
    Blake2bStream &operator=(const Blake2bStream &) = delete;

    bool isValid() const { return m_state != nullptr; }
    /// Appends `data` to what is hashed; ignored once result() was called.
    void addData(QByteArrayView data);
    /// The digest of everything added; the first call ends the computation, later calls return the same digest.
    /// Empty when !isValid().
    QByteArray result();

private:
    struct State;
    std::unique_ptr<State> m_state;
    int m_outBytes;
    QByteArray m_result;
};

/// Compares in constant time (for tokens, MACs, hashes).
bool constantTimeEqual(QByteArrayView a, QByteArrayView b);

/// Overwrites a buffer that held a secret before it is released.
void wipe(QByteArray &secret);

} // namespace mts::crypto
