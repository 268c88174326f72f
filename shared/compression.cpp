// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "compression.h"

#include <QList>

#include <zlib.h>

namespace mts::compression {

namespace {
// zlib's window bits for a gzip header and trailer instead of the zlib ones.
constexpr int gzipWindowBits = 15 + 16;
constexpr qsizetype step = 64 * 1024;
} // namespace

QByteArray gzip(QByteArrayView data, int level)
{
    z_stream stream {};
    if (deflateInit2(&stream, level, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.truncate(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return result == Z_STREAM_END ? out : QByteArray();
}

std::optional<QByteArray> gunzip(QByteArrayView data, qsizetype maxBytes)
{
    z_stream stream {};
    if (inflateInit2(&stream, gzipWindowBits) != Z_OK)
        return std::nullopt;
    QByteArray out;
    qsizetype produced = 0; // zlib's total_out restarts with each member
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    int result = Z_OK;
    while (true) {
        if (produced == out.size()) {
            // One byte more than allowed is room enough to tell that the content is too long.
            if (out.size() > maxBytes)
                break;
            out.resize(std::min(maxBytes + 1, std::max(step, out.size() * 2)));
        }
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        stream.avail_out = uInt(out.size() - produced);
        result = inflate(&stream, Z_NO_FLUSH);
        produced = out.size() - qsizetype(stream.avail_out);
        if (result == Z_STREAM_END) {
            // Another member may follow (RFC 1952 allows several).
            if (stream.avail_in == 0 || inflateReset(&stream) != Z_OK)
                break;
            continue;
        }
        if (result != Z_OK)
            break; // damaged, or cut short (Z_BUF_ERROR: no input left before the end)
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END || produced > maxBytes)
        return std::nullopt;
    out.truncate(produced);
    // The buffer grew by doubling: give back what the content does not use, since answers wait in queues.
    if (out.capacity() > produced + produced / 4)
        out.squeeze();
    return out;
}

bool acceptsGzip(QByteArrayView acceptEncoding)
{
    for (const QByteArray &part : acceptEncoding.toByteArray().split(',')) {
        const QList<QByteArray> pieces = part.split(';');
        const QByteArray coding = pieces.value(0).trimmed().toLower();
        if (coding != "gzip" && coding != "*")
            continue;
        bool refused = false;
        for (qsizetype i = 1; i < pieces.size(); ++i) {
            const QByteArray parameter = pieces.at(i).trimmed().toLower();
            if (parameter.startsWith("q=")) {
                bool ok = false;
                refused = !(parameter.mid(2).toDouble(&ok) > 0) || !ok;
            }
        }
        if (!refused)
            return true;
    }
    return false;
}

} // namespace mts::compression
