// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QRandomGenerator>

namespace mts::test {

/// `bytes` with one or two random edits — a byte replaced, inserted or removed — the bytes written taken from
/// `alphabet`: damaged input for readers that must refuse what is not well-formed and keep what is.
inline QByteArray damaged(QByteArray bytes, QRandomGenerator &random, QByteArrayView alphabet)
{
    for (int edits = 1 + int(random.bounded(2)); edits > 0 && !bytes.isEmpty(); --edits) {
        const qsizetype at = random.bounded(bytes.size());
        const char c = alphabet.at(random.bounded(alphabet.size()));
        switch (random.bounded(3)) {
        case 0:
            bytes[at] = c;
            break;
        case 1:
            bytes.insert(at, c);
            break;
        default:
            bytes.remove(at, 1);
        }
    }
    return bytes;
}

} // namespace mts::test
