// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

/// gzip (RFC 1952) for large sync bodies. A commune's first pull is megabytes of JSON over a slow, metered link;
/// gzip makes it several times smaller. Small bodies go as they are: compressing them costs more than it saves.
namespace mts::compression {

/// Bodies at least this long are compressed when the other side accepts gzip.
constexpr qsizetype minBytes = 8 * 1024;

/// `data` as a gzip member, at zlib `level` (1 = fastest; the sync sends JSON, which compresses well even so).
QByteArray gzip(QByteArrayView data, int level = 1);
/// The content of gzip `data` (one or more members); std::nullopt when it is not valid gzip or would exceed
/// `maxBytes` once decompressed (a small body must not expand into gigabytes).
std::optional<QByteArray> gunzip(QByteArrayView data, qsizetype maxBytes);
/// Whether an Accept-Encoding header value allows gzip (`gzip` or `*` listed without `q=0`).
bool acceptsGzip(QByteArrayView acceptEncoding);

} // namespace mts::compression
