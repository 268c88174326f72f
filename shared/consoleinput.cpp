// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "consoleinput.h"

#include <QFile>

#include <cstdio>

#if defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace mts {

namespace {

/// Turns terminal echo off for its lifetime (when standard input is a terminal).
class EchoOff {
public:
    EchoOff()
    {
#if defined(Q_OS_WIN)
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        m_active = _isatty(_fileno(stdin)) && GetConsoleMode(m_handle, &m_saved);
        if (m_active)
            SetConsoleMode(m_handle, m_saved & ~DWORD(ENABLE_ECHO_INPUT));
#else
        m_active = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (m_active) {
            termios silent = m_saved;
            silent.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
        }
#endif
    }
    ~EchoOff()
    {
        if (!m_active)
            return;
#if defined(Q_OS_WIN)
        SetConsoleMode(m_handle, m_saved);
#else
        ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
#endif
        std::fputc('\n', stderr);
    }
    bool isTerminal() const
    {
        return m_active;
    }

private:
    bool m_active = false;
#if defined(Q_OS_WIN)
    HANDLE m_handle = nullptr;
    DWORD m_saved = 0;
#else
    termios m_saved {};
#endif
};

} // namespace

bool standardInputIsTerminal()
{
#if defined(Q_OS_WIN)
    return _isatty(_fileno(stdin));
#else
    return ::isatty(STDIN_FILENO);
#endif
}

QString readSecretLine(const char *prompt)
{
    const EchoOff echoOff;
    if (echoOff.isTerminal()) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
    }
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(input.readLine()).trimmed();
}

} // namespace mts
