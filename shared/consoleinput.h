// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mts {

/// Reads one line from standard input for the command-line tools: a password typed at a terminal (the prompt
/// goes to standard error and the typing is not echoed), or a line piped in by a script.
QString readSecretLine(const char *prompt);
/// Whether standard input is a terminal (a person typing) rather than a pipe.
bool standardInputIsTerminal();

} // namespace mts
