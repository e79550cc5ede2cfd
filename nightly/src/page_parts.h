#pragma once
// What the night's pages and the index share.
#include <string>
#include <utility>
#include <vector>

#include "irqlab/nightly/night_record.h"

namespace irqlab {

// (what, value) lines: the night file, start, machine, kernel, series, irqlab.
std::vector<std::pair<std::string, std::string>> provenance(const NightRecord& r);

// A whole self-contained page: no script, no external style, font or image.
std::string html_document(const std::string& title, const std::string& body);

}  // namespace irqlab
