// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace mts {

/// What went wrong, as a code the caller can branch on plus a human-readable message.
/// The message is for logs and for showing; no caller parses it.
template <typename Code>
struct Error {
    Code code;
    QString message;
};

/// Either a value or an error: the return type of every fallible call in the project (no exceptions).
template <typename T, typename Code>
class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error<Code> error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool isOk() const { return m_data.index() == 0; }
    explicit operator bool() const { return isOk(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const Error<Code> &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error<Code>> m_data;
};

/// A Result that carries no value: success or an error.
template <typename Code>
using Status = Result<std::monostate, Code>;

/// The success value of a Status.
inline constexpr std::monostate ok {};

} // namespace mts
