#pragma once
// The one way irqlab reads a number from text. A value that does not fit
// the type is refused, never narrowed: "4294967297" is not an int (it is not
// CPU 1), "-1" is not an unsigned, and "nan", "inf" or "1e999" is not a
// double where a finite number is meant.
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <type_traits>

namespace irqlab {

// The whole of s (no spaces, no suffix) as a T in T's range; doubles are
// finite. Fast enough for trace parsers: no allocation, no locale.
template <typename T>
std::optional<T> parse_number(std::string_view s) {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
  if (s.empty() || s.front() == '+') return std::nullopt;
  T value{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if constexpr (std::is_floating_point_v<T>)
    if (!std::isfinite(value)) return std::nullopt;
  return value;
}

// parse_number into a field in place (out is left alone on failure).
template <typename T>
bool parse_number_into(std::string_view s, T& out) {
  const auto value = parse_number<T>(s);
  if (value) out = *value;
  return value.has_value();
}

// parse_number, then lo <= value <= hi.
template <typename T>
std::optional<T> parse_number_in(std::string_view s, T lo, T hi) {
  const auto value = parse_number<T>(s);
  if (!value || *value < lo || *value > hi) return std::nullopt;
  return value;
}

}  // namespace irqlab
