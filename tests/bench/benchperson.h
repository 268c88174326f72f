// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/canonicaljson.h"
#include "shared/syncwire.h"
#include "shared/uuid7.h"

#include <QJsonObject>
#include <QStringList>

#include <algorithm>

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

/// Person `i` as the server sends it in a pull page: change number i + 1 of `bucket`, fields in canonical form.
inline sync::RecordChange benchPersonChange(int i, const QString &bucket)
{
    sync::RecordChange change;
    change.bucket = bucket;
    change.seq = i + 1;
    change.id = createUuid7();
    change.kind = QStringLiteral("person");
    change.scope = QStringLiteral("C:00070");
    change.fieldsJson = CanonicalJson::encode(benchPerson(i));
    change.hlc = HlcStamp { 1750000000000 + i, 0, QStringLiteral("server") };
    return change;
}

/// Pull pages (as the server encodes them) that bring persons 0 … `total` − 1 into `bucket`.
inline QList<QByteArray> benchPersonPages(int total, const QString &bucket)
{
    QList<QByteArray> pages;
    for (int start = 0; start < total; start += sync::maxPullLimit) {
        sync::PullResponse page;
        page.serverTime = 1750000000000;
        for (int i = start; i < std::min(total, start + sync::maxPullLimit); ++i)
            page.changes.append(benchPersonChange(i, bucket));
        page.positions.insert(bucket, std::min(total, start + sync::maxPullLimit));
        page.buckets.append(sync::BucketHead { bucket, total, {} });
        page.more = start + sync::maxPullLimit < total;
        pages.append(page.encode());
    }
    return pages;
}

} // namespace mts::test
