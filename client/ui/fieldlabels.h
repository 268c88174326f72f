// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/recordschema.h"

#include <QCoreApplication>
#include <QString>

namespace mts {

/// What the cadre reads for the names of the schema (shared/recordschema.h): kinds, fields, the values of Enum
/// fields and the problems RecordSchema::validate() and advise() report, translated (Vietnamese by default). The
/// schema itself speaks only its stored names; a name this build has no words for is shown as it is stored.
class FieldLabels {
    Q_DECLARE_TR_FUNCTIONS(FieldLabels)
public:
    /// The registry kinds a commune keeps, in the order the database page offers them.
    static QStringList registryKinds();
    /// The title of a list of records of `kind` ("Persons").
    static QString kindTitle(const QString &kind);
    /// The label of `field` of `kind` in a form or a column header.
    static QString field(const QString &kind, const QString &field);
    /// The label of `value` of Enum field `field` of `kind`.
    static QString value(const QString &kind, const QString &field, const QString &value);
    /// What to tell the cadre about `problem` of a value of `kind`: what is wrong and what to write instead.
    static QString problem(const QString &kind, const FieldProblem &problem);
};

} // namespace mts
