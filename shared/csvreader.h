// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace mts {

/// One record of a CSV file with the line it starts on (1-based), for error reports cadres can act on.
struct CsvRow {
    int line = 0;
    QStringList cells;
};

/// Reads CSV as Excel writes it (RFC 4180): UTF-8 with or without BOM, comma or semicolon separated, quoted
/// fields with doubled quotes and line breaks, CRLF or LF. Text is returned in NFC.
class CsvReader {
public:
    enum class Error { NotUtf8, UnterminatedQuote, StrayQuote };

    /// `separator` 0 means: detect from the first line (the more frequent of ',' and ';' outside quotes).
    static Result<QList<CsvRow>, Error> parse(const QByteArray &data, char16_t separator = 0);
};

} // namespace mts
