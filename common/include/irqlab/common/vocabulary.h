#pragma once
// A closed vocabulary: an enum and the one text each value has in records,
// scenario files and on the command line. Each vocabulary lists its terms
// once, in a table next to its enum; text(), parse() and the error naming
// the accepted words all read that table, so a new value is one enumerator
// plus one row.
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "irqlab/common/error.h"

namespace irqlab {

template <typename E>
struct Term {
  E value;
  std::string_view text;
};

template <typename E>
class Vocabulary {
 public:
  // what, whats: the noun in messages ("mode", "modes"); terms: a static table.
  template <std::size_t N>
  constexpr Vocabulary(std::string_view what, std::string_view whats, const Term<E> (&terms)[N])
      : what_(what), whats_(whats), terms_(terms) {}

  constexpr std::span<const Term<E>> terms() const { return terms_; }
  constexpr std::string_view what() const { return what_; }

  // Every enumerator has a row (the round-trip tests check each table), so a
  // value without one is a bug in the table, not an input error.
  std::string_view text(E value) const {
    for (const Term<E>& t : terms_)
      if (t.value == value) return t.text;
    throw std::logic_error("irqlab: " + std::string(what_) + " without a text");
  }

  std::optional<E> find(std::string_view text) const {
    for (const Term<E>& t : terms_)
      if (t.text == text) return t.value;
    return std::nullopt;
  }

  // Throws Error(unknown(text)) for a word not in the table.
  E parse(std::string_view text) const {
    if (std::optional<E> v = find(text)) return *v;
    throw Error(unknown(text));
  }

  // "unknown mode 'x' (modes: strict, spread, override)", for callers that
  // put where the word came from in front.
  std::string unknown(std::string_view text) const {
    return "unknown " + std::string(what_) + " '" + std::string(text) + "' (" + std::string(whats_) + ": " +
           accepted() + ")";
  }

  // "strict, spread, override": the words parse() takes, in table order.
  std::string accepted() const {
    std::string out;
    for (const Term<E>& t : terms_) out += (out.empty() ? "" : ", ") + std::string(t.text);
    return out;
  }

 private:
  std::string_view what_, whats_;
  std::span<const Term<E>> terms_;
};

}  // namespace irqlab
