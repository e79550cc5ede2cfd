#pragma once
// The files of one night directory besides the scenarios' reports, and the
// published copy of nights with an index over them.
//   night.json    the night record (night_record.h), as in the history
//   compare.txt   the comparison with the baseline (night_compare.h)
//   night.md      the verdict, the provenance, the scenarios with links to
//                 their report.md / report.html / table.txt, the failed runs,
//                 and the comparison as Markdown tables
//   night.html    the same page as one self-contained HTML file
#include <filesystem>

#include "irqlab/nightly/night_compare.h"
#include "irqlab/nightly/night_record.h"

namespace irqlab {

void write_night_pages(const std::filesystem::path& night_dir, const NightRecord& r, const NightComparison& c);

// Copies the night's pages and each scenario's report files (never its
// records) to <publish_dir>/<id>/, then rewrites index.md and index.html
// over every night published there, newest first. Writes nothing outside
// publish_dir and needs no network.
void publish_night(const std::filesystem::path& night_dir, const NightRecord& r,
                   const std::filesystem::path& publish_dir);

}  // namespace irqlab
