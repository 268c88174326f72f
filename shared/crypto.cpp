// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto.h"

#include <sodium.h>

namespace mts::crypto {

namespace {

bool ready()
{
    // sodium_init() is thread-safe and idempotent; it fails only without a usable random source.
    static const bool initialized = sodium_init() >= 0;
    return initialized;
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

unsigned char *bytes(QByteArray &array)
{
    return reinterpret_cast<unsigned char *>(array.data());
}

} // namespace

static_assert(keyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(saltBytes == crypto_pwhash_SALTBYTES);
static_assert(sealOverhead == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES);

PasswordCost PasswordCost::interactive()
{
    return { crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE };
}

PasswordCost PasswordCost::moderate()
{
    return { crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE };
}

PasswordCost PasswordCost::minimum()
{
    return { crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };
}

bool PasswordCost::isAcceptable() const
{
    const PasswordCost floor = minimum();
    return opsLimit >= floor.opsLimit && opsLimit <= 64 && memLimit >= floor.memLimit
        && memLimit <= size_t(1024) * 1024 * 1024;
}

QByteArray randomBytes(qsizetype count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (ready())
        randombytes_buf(out.data(), size_t(count));
    return out;
}

QByteArray hashPassword(QByteArrayView password, PasswordCost cost)
{
    if (!ready())
        return {};
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), size_t(password.size()), cost.opsLimit, cost.memLimit) != 0)
        return {};
    return QByteArray(hash);
}

bool verifyPassword(QByteArrayView hash, QByteArrayView password)
{
    if (!ready() || hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    char terminated[crypto_pwhash_STRBYTES] = {};
    std::copy(hash.begin(), hash.end(), terminated);
    return crypto_pwhash_str_verify(terminated, password.data(), size_t(password.size())) == 0;
}

QByteArray deriveKey(QByteArrayView password, QByteArrayView salt, PasswordCost cost)
{
    if (!ready() || salt.size() != saltBytes)
        return {};
    QByteArray key(keyBytes, Qt::Uninitialized);
    if (crypto_pwhash(bytes(key), size_t(key.size()), password.data(), size_t(password.size()), bytes(salt),
            cost.opsLimit, cost.memLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return {};
    return key;
}

QByteArray sealWithNonce(QByteArrayView key, QByteArrayView nonce, QByteArrayView plaintext, QByteArrayView associated)
{
    if (!ready() || key.size() != keyBytes || nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
        return {};
    QByteArray out(nonce.size() + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, Qt::Uninitialized);
    std::copy(nonce.begin(), nonce.end(), out.begin());
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(bytes(out) + nonce.size(), &written, bytes(plaintext),
        size_t(plaintext.size()), associated.isEmpty() ? nullptr : bytes(associated), size_t(associated.size()),
        nullptr, bytes(nonce), bytes(key));
    return out;
}

QByteArray seal(QByteArrayView key, QByteArrayView plaintext, QByteArrayView associated)
{
    return sealWithNonce(key, randomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES), plaintext, associated);
}

std::optional<QByteArray> open(QByteArrayView key, QByteArrayView sealed, QByteArrayView associated)
{
    if (!ready() || key.size() != keyBytes || sealed.size() < sealOverhead)
        return std::nullopt;
    const QByteArrayView nonce = sealed.first(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const QByteArrayView ciphertext = sealed.sliced(nonce.size());
    QByteArray plain(ciphertext.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, Qt::Uninitialized);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(bytes(plain), &written, nullptr, bytes(ciphertext),
            size_t(ciphertext.size()), associated.isEmpty() ? nullptr : bytes(associated), size_t(associated.size()),
            bytes(nonce), bytes(key))
        != 0)
        return std::nullopt;
    return plain;
}

QByteArray blake2b(QByteArrayView data, int outBytes, QByteArrayView key)
{
    if (!ready() || outBytes < int(crypto_generichash_BYTES_MIN) || outBytes > int(crypto_generichash_BYTES_MAX))
        return {};
    QByteArray out(outBytes, Qt::Uninitialized);
    crypto_generichash(bytes(out), size_t(outBytes), bytes(data), size_t(data.size()),
        key.isEmpty() ? nullptr : bytes(key), size_t(key.size()));
    return out;
}

// libsodium's state is over-aligned (64 bytes); the allocation of this struct honours that.
struct Blake2bStream::State {
    crypto_generichash_state hash;
};

Blake2bStream::Blake2bStream(int outBytes)
    : m_outBytes(outBytes)
{
    if (!ready() || outBytes < int(crypto_generichash_BYTES_MIN) || outBytes > int(crypto_generichash_BYTES_MAX))
        return;
    m_state = std::make_unique<State>();
    if (crypto_generichash_init(&m_state->hash, nullptr, 0, size_t(outBytes)) != 0)
        m_state.reset();
}

Blake2bStream::~Blake2bStream()
{
    // The state is derived from the data only (no key), but wiping it costs nothing.
    if (m_state)
        sodium_memzero(&m_state->hash, sizeof m_state->hash);
}

void Blake2bStream::addData(QByteArrayView data)
{
    if (m_state && m_result.isEmpty() && !data.isEmpty())
        crypto_generichash_update(&m_state->hash, bytes(data), size_t(data.size()));
}

QByteArray Blake2bStream::result()
{
    if (!m_state || !m_result.isEmpty())
        return m_result;
    QByteArray out(m_outBytes, Qt::Uninitialized);
    if (crypto_generichash_final(&m_state->hash, bytes(out), size_t(out.size())) != 0)
        return {};
    m_result = out;
    return m_result;
}

bool constantTimeEqual(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && (a.isEmpty() || sodium_memcmp(a.data(), b.data(), size_t(a.size())) == 0);
}

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        sodium_memzero(secret.data(), size_t(secret.size()));
    secret.clear();
}

} // namespace mts::crypto
