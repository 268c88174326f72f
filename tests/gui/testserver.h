// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/serverprocess.h"

#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace mts::test {

/// The real `mattranso-server` (a ServerProcess on 127.0.0.1, a free port) as the GUI tests need it: serving one
/// of the certificate pairs in tests/gui/data, so that the tests know exactly which certificate the user is shown,
/// and logging every request it answers, so that a test can tell whether a request got past the TLS handshake.
class TestServer {
public:
    /// `certificateName` is a pair of files in tests/gui/data: `<name>.crt` and `<name>.key`.
    explicit TestServer(const QString &certificateName);

    /// Starts the server; false, with output() saying why, if it did not start or announced another certificate.
    [[nodiscard]] bool start();
    /// Everything the server printed so far, and why start() failed.
    QString output();

    QUrl url() const { return m_process.url(); }
    /// The certificate read from tests/gui/data (start() checked that the server serves this one).
    const QSslCertificate &certificate() const { return m_certificate; }
    /// HTTP requests the server has answered so far, counted from its request log. The log arrives
    /// asynchronously: wait for a count to rise with QTRY_*.
    int requestCount();

    /// Reads `<name>.crt` from tests/gui/data.
    static QSslCertificate certificateFile(const QString &name);
    /// An https URL on 127.0.0.1 at a port nobody listens on: connections are refused at once.
    static QUrl refusingUrl();

private:
    QSslCertificate m_certificate;
    ServerProcess m_process;
    QString m_problem;
};

} // namespace mts::test
