#pragma once
// report.md: the summary as GitHub-flavoured Markdown, for a nightly
// publication: the per-arm table (median, n and 95% interval per cell), the
// headline comparison per metric (shift [interval], mark, adjusted p), the
// notes and footnotes, and where the figures come from. Cells and numbers
// are the text table's (comparison.h), text in table cells escaped so every
// row keeps its columns.
#include <string>

#include "irqlab/results/summary.h"

namespace irqlab {

std::string markdown_report(const Comparison& c, const Summary& s);

// Text for Markdown: the characters that could start markup (| * _ ` [ ] <
// > ~ # \) backslash-escaped, newlines as spaces.
std::string markdown_escape(const std::string& text);

}  // namespace irqlab
