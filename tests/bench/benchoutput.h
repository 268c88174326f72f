// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/procstatus.h"

#include <QString>

#include <cstdio>

namespace mts::test {

/// Prints one line of a benchmark's figures, at once (a run is watched as it goes).
inline void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace mts::test
