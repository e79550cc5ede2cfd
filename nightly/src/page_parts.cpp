#include "page_parts.h"

#include "irqlab/results/svg.h"

namespace irqlab {

std::vector<std::pair<std::string, std::string>> provenance(const NightRecord& r) {
  return {{"night", r.night},
          {"started", r.started},
          {"machine", r.machine},
          {"kernel", r.kernel_release + (r.kernel_source.empty() ? "" : " from " + r.kernel_source)},
          {"series", r.series_hash.empty() ? "none" : r.series_hash.substr(0, 12)},
          {"irqlab", r.irqlab_commit.empty() ? "unknown" : r.irqlab_commit}};
}

std::string html_document(const std::string& title, const std::string& body) {
  static const char* kStyle =
      "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
      "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}pre{font-size:.85em;overflow-x:auto}"
      ".verdict{font-weight:bold}";
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + svg::escape(title) +
         "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
}

}  // namespace irqlab
