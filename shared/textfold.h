// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

/// Vietnamese text normalisation (notes/domain.md §7): text is stored in NFC, and searched through a separate
/// folded key in which case, tone marks, vowel marks and the stroke of đ no longer matter.
namespace mts {

/// The search key of `text`: the same string for every spelling a user may type or a source may hold of the
/// same words. Steps: Unicode NFD; combining marks U+0300–U+036F removed (tones, circumflex, breve, horn);
/// đ U+0111, Đ U+0110 and the look-alike Ð U+00D0 (and its lower case ð U+00F0) mapped to d, because đ has no
/// Unicode decomposition; lower case; runs of white space collapsed to one space and the ends trimmed; NFC again
/// so that characters of other scripts keep their usual form.
///
/// "Nguyễn Văn Đồng", its NFD form and "NGUYEN  van dong" all give "nguyen van dong". Misplaced tones
/// ("baỏ" for "bảo") fold to the same key as well, since every tone is removed.
///
/// The key is for matching only: never show it or store it in place of the text.
QString foldForSearch(QStringView text);
/// The definition foldForSearch() follows, step by step and slower; foldForSearch() gives the same result for
/// every text (tests compare the two).
QString foldForSearchReference(QStringView text);

/// `text` as it is stored: Unicode NFC (input methods and pasted text often arrive decomposed), without
/// leading or trailing white space. Inner white space and the letters themselves are kept as typed.
QString normalizeText(QStringView text);

} // namespace mts
