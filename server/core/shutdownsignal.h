// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace mts {

/// Turns SIGTERM and SIGINT into a Qt signal delivered on the event loop (self-pipe), so the server
/// stops accepting, finishes what it is doing and closes its database cleanly.
class ShutdownSignal : public QObject {
    Q_OBJECT
public:
    explicit ShutdownSignal(QObject *parent = nullptr);
    ~ShutdownSignal() override;

Q_SIGNALS:
    void requested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace mts
