// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/replicastore.h"

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

#include <functional>

namespace mts {

/// A registry list as a CSV file for Excel, which cadres use every day: UTF-8 with a byte order mark (without it
/// Excel reads Vietnamese as Windows-1258 mojibake), CRLF line ends, cells quoted when they hold the separator, a
/// quote or a line break. The separator is the semicolon by default: Windows in Vietnamese has the comma as its
/// decimal mark and the semicolon as its list separator, which is what Excel splits a CSV file on there; PCs set to
/// English use the comma. RecordImport reads both back.
///
/// A text cell that begins with = + - or @ (and is not a number) gets a leading apostrophe, so that Excel shows it
/// as text instead of running it as a formula (CSV injection).
class RecordExport {
public:
    /// The text of one cell for `field` of a record (a date as dd/mm/yyyy, a choice by its label…).
    using CellText = std::function<QString(const QString &field, const QJsonValue &value)>;

    /// The CSV bytes of `header` and `rows`.
    static QByteArray csv(const QStringList &header, const QList<QStringList> &rows, char separator = ';');

    /// Every record `query` selects on `store`, in list order, one row each with the cells of `fields`
    /// (`cellText` of each value, sealed values opened) under the titles `titles`. Reads the rows a block at a
    /// time; `progress(done, total)` is called after each block and may return false to stop (std::nullopt).
    static std::optional<QByteArray> list(ReplicaStore &store, const ReplicaStore::ListQuery &query,
        const QStringList &fields, const QStringList &titles, const CellText &cellText, char separator = ';',
        const std::function<bool(int done, int total)> &progress = {}, QString *error = nullptr);
};

} // namespace mts
