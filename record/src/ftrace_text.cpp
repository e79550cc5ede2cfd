// ftrace's text as perf script's, so that one parser reads all three.
#include <cctype>

#include "irqlab/common/text.h"
#include "irqlab/record/trace_events.h"

namespace irqlab {

std::string ftrace_as_perf_script(std::string_view text, const std::vector<std::string>& events) {
  std::string out;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    if (parse_ftrace_loss_line(line)) {  // the parser dates it by the next event on its CPU
      out += line + "\n";
      continue;
    }
    // "          cpuhp/3-29      [003] .....     4.598112: block_mq_hctx_drain: 259,0 hctx=1 ..."
    const auto open = line.find(" [");
    const auto close = open == std::string::npos ? std::string::npos : line.find("] ", open);
    if (close == std::string::npos) continue;
    // The task is the last word before the CPU: `trace-cmd report` puts the
    // instance's name first ("irqlab-irq-77:   <idle>-0   [002] ...").
    const std::vector<std::string> before = split_whitespace(std::string_view(line).substr(0, open));
    if (before.empty()) continue;
    const std::string& task = before.back();
    const auto dash = task.rfind('-');
    if (dash == std::string::npos) continue;
    const std::string comm = task.substr(0, dash), pid = task.substr(dash + 1);
    const std::string cpu = line.substr(open + 2, close - open - 2);
    std::vector<std::string> rest = split_whitespace(std::string_view(line).substr(close + 2));
    // rest: flags (the tracefs text; trace-cmd report has none), "time:", "event:", fields...
    if (!rest.empty() && !rest[0].empty() && std::isdigit(static_cast<unsigned char>(rest[0][0])) &&
        rest[0].back() == ':')
      rest.insert(rest.begin(), "");
    if (rest.size() < 3 || rest[1].back() != ':' || rest[2].back() != ':') continue;
    const std::string name = rest[2].substr(0, rest[2].size() - 1);
    std::string qualified;
    for (const std::string& e : events)
      if (e.size() > name.size() && e.compare(e.size() - name.size(), name.size(), name) == 0 &&
          e[e.size() - name.size() - 1] == ':')
        qualified = e;
    if (qualified.empty()) continue;
    const std::size_t fields_at = line.find(rest[2], close) + rest[2].size();
    out += comm + " " + pid + "/" + pid + " [" + cpu + "] " + rest[1] + " " + qualified + ":" +
           line.substr(fields_at) + "\n";
  }
  return out;
}

}  // namespace irqlab
