// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <compare>
#include <optional>

namespace mts {

/// A "major.minor.patch" version, as the server and the client announce them.
struct SemVer {
    int major = 0;
    int minor = 0;
    int patch = 0;

    /// Parses "1.2.3" (a missing minor or patch counts as 0); std::nullopt for anything else.
    static std::optional<SemVer> parse(QStringView text);
    QString toString() const;

    auto operator<=>(const SemVer &) const = default;
};

} // namespace mts
