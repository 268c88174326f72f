// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "semver.h"

#include <QList>

namespace mts {

std::optional<SemVer> SemVer::parse(QStringView text)
{
    const QList<QStringView> parts = text.trimmed().split(u'.');
    if (parts.isEmpty() || parts.size() > 3)
        return std::nullopt;
    int numbers[3] = { 0, 0, 0 };
    for (qsizetype i = 0; i < parts.size(); ++i) {
        bool ok = false;
        const int value = parts[i].toInt(&ok);
        // toInt accepts a sign; a version component is digits only.
        if (!ok || value < 0 || parts[i].startsWith(u'+'))
            return std::nullopt;
        numbers[i] = value;
    }
    return SemVer { numbers[0], numbers[1], numbers[2] };
}

QString SemVer::toString() const
{
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(patch);
}

} // namespace mts
