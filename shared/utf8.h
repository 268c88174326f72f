// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace mts::utf8 {

/// Decodes the one UTF-8 sequence at `bytes` (of `size` bytes available; `size` ≥ 1) that starts with a byte of
/// 0x80 or more: its length, with the code point in `*codePoint`, or 0 when it is not well-formed UTF-8 (RFC 3629:
/// no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence).
inline int decodeMultiByte(const uchar *bytes, qsizetype size, char32_t *codePoint)
{
    const uchar lead = bytes[0];
    int length = 0;
    uchar low = 0x80;
    uchar high = 0xBF;
    char32_t value = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0F;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (size < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        const uchar next = bytes[i];
        if (next < low || next > high)
            return 0;
        low = 0x80;
        high = 0xBF;
        value = (value << 6) | (next & 0x3F);
    }
    *codePoint = value;
    return length;
}

} // namespace mts::utf8
