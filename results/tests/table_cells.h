#pragma once
// Reads a cell back from comparison_table()'s text, for tests that check the
// table and results.json carry the same numbers. A row is the line that
// starts with its label; its second line (interval or n) follows it.
#include <optional>
#include <sstream>
#include <string>

namespace irqlab::test {

inline constexpr std::size_t kTableLabelWidth = 22, kTableArmWidth = 13;

// The first or second line of the row with this label.
inline std::optional<std::string> table_row(const std::string& table, const std::string& label, bool second_line) {
  std::istringstream in(table);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(label, 0) != 0 || (line.size() > label.size() && line[label.size()] != ' ')) continue;
    if (!second_line) return line;
    // A second line leaves the label column blank; a row without one is followed by the next row.
    if (!std::getline(in, line) || line.substr(0, kTableLabelWidth).find_first_not_of(' ') != std::string::npos)
      return std::nullopt;
    return line;
  }
  return std::nullopt;
}

// column 0..arms-1: an arm. "" when absent.
inline std::string table_cell(const std::string& table, const std::string& label, std::size_t column,
                              bool second_line = false) {
  const auto line = table_row(table, label, second_line);
  const std::size_t from = kTableLabelWidth + column * kTableArmWidth;
  if (!line || line->size() <= from) return "";
  std::string cell = line->substr(from, kTableArmWidth);
  while (!cell.empty() && cell.back() == ' ') cell.pop_back();
  return cell;
}

// The comparison column, after `arms` arm columns, runs to the end of the line.
inline std::string table_comparison(const std::string& table, const std::string& label, std::size_t arms,
                                    bool second_line = false) {
  const auto line = table_row(table, label, second_line);
  const std::size_t from = kTableLabelWidth + arms * kTableArmWidth;
  return !line || line->size() <= from ? "" : line->substr(from);
}

}  // namespace irqlab::test
