// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstore.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <algorithm>

namespace mts {

SecretStore::~SecretStore() = default;

void SecretStore::deliverLater(QObject *context, std::function<void()> call)
{
    Q_ASSERT(context);
    if (!context)
        context = QCoreApplication::instance();
    // A queued call to a functor is dropped with its event when `context` is destroyed before it runs.
    QMetaObject::invokeMethod(context, std::move(call), Qt::QueuedConnection);
}

QByteArray passwordKeyMaterial(const QString &password)
{
    QString normalized = password.normalized(QString::NormalizationForm_C);
    QByteArray bytes = normalized.toUtf8();
    // normalized() shares the caller's buffer when nothing changed; wipe only a copy of our own.
    if (normalized.isDetached() && !normalized.isEmpty())
        std::fill(normalized.data(), normalized.data() + normalized.size(), QChar());
    return bytes;
}

} // namespace mts
