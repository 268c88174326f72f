// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QStringList>

namespace mts::test {

/// The fields of person `i` of the benchmarks: about 400 bytes of Vietnamese names and an address, a citizen ID
/// and a phone (sealed at rest), all different from one `i` to the next.
inline QJsonObject benchPerson(int i)
{
    static const QStringList surnames { QStringLiteral("Nguyễn"), QStringLiteral("Trần"), QStringLiteral("Lê"),
        QStringLiteral("Phạm"), QStringLiteral("Hoàng"), QStringLiteral("Huỳnh"), QStringLiteral("Võ"),
        QStringLiteral("Đặng") };
    static const QStringList middles { QStringLiteral("Văn"), QStringLiteral("Thị"), QStringLiteral("Hữu"),
        QStringLiteral("Ngọc"), QStringLiteral("Minh") };
    static const QStringList givens { QStringLiteral("An"), QStringLiteral("Bình"), QStringLiteral("Cường"),
        QStringLiteral("Dũng"), QStringLiteral("Đồng"), QStringLiteral("Giang"), QStringLiteral("Hạnh"),
        QStringLiteral("Xuyến") };
    static const QStringList streets { QStringLiteral("phố Hàng Bông"), QStringLiteral("phố Hàng Gai"),
        QStringLiteral("phố Lý Thái Tổ"), QStringLiteral("phố Tràng Tiền") };

    return {
        { QStringLiteral("surname"), surnames.at(i % surnames.size()) },
        { QStringLiteral("middle_name"), middles.at((i / 8) % middles.size()) },
        { QStringLiteral("given_name"), QString(givens.at((i / 40) % givens.size()) + QStringLiteral(" %1").arg(i)) },
        { QStringLiteral("sex"), i % 2 ? QStringLiteral("male") : QStringLiteral("female") },
        { QStringLiteral("birth_year"), 1940 + i % 66 },
        { QStringLiteral("ethnicity"), QStringLiteral("Kinh") },
        { QStringLiteral("religion"), QStringLiteral("Không") },
        { QStringLiteral("cccd"), QStringLiteral("0010%1").arg(i, 8, 10, QLatin1Char('0')) },
        { QStringLiteral("phone"), QStringLiteral("09%1").arg(i, 8, 10, QLatin1Char('0')) },
        { QStringLiteral("address"),
            QStringLiteral("Số %1 %2, tổ dân phố %3, phường Hoàn Kiếm (quận Hoàn Kiếm cũ), thành phố Hà Nội, Việt Nam")
                .arg(1 + i % 200)
                .arg(streets.at(i % streets.size()))
                .arg(1 + i % 30) },
        { QStringLiteral("area_code"), QStringLiteral("00070-TDP%1").arg(1 + i % 30) },
    };
}

} // namespace mts::test
