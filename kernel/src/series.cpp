#include "irqlab/kernel/series.h"

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

Series load_series(const fs::path& patches_dir) {
  if (!fs::is_directory(patches_dir)) throw Error("patches directory not found: " + patches_dir.string());
  Series series;
  series.dir = fs::absolute(patches_dir);
  const fs::path series_file = series.dir / "series";
  std::string digest_input = "irqlab-series-v1\n";
  if (const auto text = read_optional_input_file(series_file, "series file", kTextInputLimit)) {
    int line_no = 0;
    for (const std::string& raw : split(*text, '\n')) {
      ++line_no;
      std::string_view line = trim(raw);
      if (auto hash = line.find('#'); hash != std::string_view::npos) line = trim(line.substr(0, hash));
      if (line.empty()) continue;
      // quilt allows "-p1" style options after the name; the series uses -p1 only
      auto words = split_whitespace(line);
      if (words.size() != 1)
        throw Error(series_file.string() + ":" + std::to_string(line_no) + ": expected one patch name, got '" +
                    std::string(line) + "'");
      fs::path patch = series.dir / words[0];
      // Present but not a regular file (a FIFO): sha256_file refuses it.
      if (std::error_code ec; !fs::exists(patch, ec))
        throw Error(series_file.string() + ":" + std::to_string(line_no) + ": patch not found: " + words[0]);
      digest_input += words[0] + "\n" + sha256_file(patch, "patch") + "\n";
      series.patches.push_back(patch);
    }
  }
  series.hash = sha256_hex(digest_input);
  return series;
}

}  // namespace irqlab

namespace irqlab {

std::string patch_subject(std::string_view patch_text) {
  std::string subject;
  bool in_subject = false;
  TextLines lines(patch_text);
  std::string_view line;
  while (lines.next(line)) {
    if (line.empty()) break;  // the end of the mail header
    if (in_subject && (line[0] == ' ' || line[0] == '\t')) {
      subject += " " + std::string(trim(line));
      continue;
    }
    in_subject = starts_with(line, "Subject: ");
    if (in_subject) subject = std::string(trim(line.substr(9)));
  }
  if (starts_with(subject, "[")) {
    auto close = subject.find(']');
    if (close != std::string::npos) subject = std::string(trim(std::string_view(subject).substr(close + 1)));
  }
  return subject;
}

}  // namespace irqlab
