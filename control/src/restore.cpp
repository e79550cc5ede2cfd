#include "irqlab/control/restore.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <thread>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/interrupts.h"

namespace irqlab {
namespace {

std::string cpu_online_path(int cpu) { return "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/online"; }
std::string irq_affinity_path(int irq) { return "/proc/irq/" + std::to_string(irq) + "/smp_affinity_list"; }

std::string write_failure(const WriteResult& r) {
  return std::string(std::strerror(r.error)) + " (" + errno_name(r.error) + ")" + symlink_hint(r.error);
}

void restore_cpu(const SysRoot& sys, SystemWriter& writer, const JournalChange& first, RestoreReport& report) {
  const std::string file = cpu_online_path(first.id);
  auto now = sys.read_line(file);
  if (!now) {
    report.notes.push_back("CPU " + std::to_string(first.id) + " has no online file any more: skipped");
    return;
  }
  if (*now == first.from) return;
  WriteResult r = writer.write(sys.root(), file, first.from + "\n");
  if (r.error == 0 && sys.read_line(file) == first.from) {
    ++report.cpus;
    return;
  }
  report.failures.push_back("CPU " + std::to_string(first.id) + " could not be put " +
                            (first.from == "1" ? "online" : "offline") +
                            (r.error ? ": " + write_failure(r) : ": it did not change"));
}

// The irq still serves the action the journal names? An irq number can be
// reused after a driver rebinds.
bool irq_serves(const SysRoot& sys, int irq, const std::string& name) {
  if (name.empty()) return true;
  auto text = sys.read("/proc/interrupts");
  if (!text) return true;  // cannot tell: trust the number
  const InterruptTable table = parse_proc_interrupts(*text);
  const InterruptLine* line = table.find_by_irq(std::to_string(irq));
  if (!line) return false;
  for (const std::string& action : split(line->name, ','))
    if (trim(action) == name) return true;
  return false;
}

void restore_irq(const SysRoot& sys, SystemWriter& writer, const JournalChange& first, RestoreReport& report) {
  const std::string label = "irq " + std::to_string(first.id) + (first.name.empty() ? "" : " (" + first.name + ")");
  const std::string file = irq_affinity_path(first.id);
  auto now = sys.read_cpu_list(file);
  if (!now) {
    report.notes.push_back(label + " no longer exists: skipped");
    return;
  }
  if (!irq_serves(sys, first.id, first.name)) {
    report.notes.push_back(label + ": the irq now serves something else: skipped");
    return;
  }
  const auto from = parse_cpu_list(first.from).value_or(std::set<int>{});
  if (*now == from) return;
  WriteResult r = writer.write(sys.root(), file, format_cpu_list(from) + "\n");
  // x86 without interrupt remapping may apply the write only when the
  // interrupt next fires: wait a little, then accept a move pending in debugfs.
  for (int waited_ms = 0; r.error == 0 && waited_ms <= 1000; waited_ms += 5) {
    if (sys.read_cpu_list(file) == from) {
      ++report.irqs;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (r.error == 0)
    if (auto state = sys.read("/sys/kernel/debug/irq/irqs/" + std::to_string(first.id)))
      for (const std::string& line : split(*state, '\n'))
        if (starts_with(line, "pending:") && parse_cpu_list(trim(std::string_view(line).substr(8))) == from) {
          ++report.irqs;
          report.notes.push_back(label + ": put back, pending until its next interrupt");
          return;
        }
  report.failures.push_back(label + " could not be put back on CPUs " + format_cpu_list(from) +
                            (r.error ? ": " + write_failure(r) : ": it did not change"));
}

// The directory a session's writes go beneath, symlinks resolved: a journal
// of a captured root (anything but "/") must never reach the live /proc and
// /sys, whatever its root has become since (a symlink to /, "/tmp/x/../..").
// A root that is gone stays as written: nothing under it is found, nothing
// is written.
std::filesystem::path resolve_journal_root(const JournalSession& s, const std::filesystem::path& journal) {
  const std::string where = journal.string() + ":" + std::to_string(s.line) + ": ";
  if (s.root == "/") return s.root;
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(s.root, ec);
  if (ec == std::errc::no_such_file_or_directory) return s.root;
  if (ec) throw Error(where + "root " + printable(s.root.string()) + ": " + ec.message());
  if (real == "/")
    throw Error(where + "root " + printable(s.root.string()) +
                " resolves to / (the live system): a journal of another root never writes there; refused");
  return real;
}

// A service line under a root the service control does not manage (only
// the live system: systemctl has no other) was not written by irqlab.
void refuse_foreign_services(const std::vector<JournalChange>& changes, ServiceControl& services,
                             const std::filesystem::path& root, const std::filesystem::path& journal) {
  for (const JournalChange& c : changes)
    if (c.kind == JournalChange::Kind::Service && !services.manages(root))
      throw Error(journal.string() + ":" + std::to_string(c.line) + ": service " + c.name + " stopped under root " +
                  root.string() + ": irqlab stops services only on the live system; refused");
}

}  // namespace

std::string RestoreReport::summary() const {
  std::vector<std::string> parts;
  auto count = [](int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
  if (irqs) parts.push_back(count(irqs, "interrupt affinity", "interrupt affinities"));
  if (cpus) parts.push_back(count(cpus, "CPU", "CPUs"));
  if (services) parts.push_back(count(services, "service", "services"));
  if (parts.empty()) return "nothing to put back";
  std::string out = "put back ";
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return out;
}

RestoreReport restore_changes(const SysRoot& sys, SystemWriter& writer, ServiceControl& services,
                              const std::vector<JournalChange>& changes) {
  // The first record of each object holds its original value.
  std::map<int, JournalChange> irqs, cpus;
  std::vector<std::string> units;
  for (const JournalChange& c : changes) {
    if (c.kind == JournalChange::Kind::Irq) irqs.emplace(c.id, c);
    if (c.kind == JournalChange::Kind::Cpu) cpus.emplace(c.id, c);
    if (c.kind == JournalChange::Kind::Service && std::find(units.begin(), units.end(), c.name) == units.end())
      units.push_back(c.name);
  }
  RestoreReport report;
  for (const auto& [cpu, first] : cpus)
    if (first.from == "1") restore_cpu(sys, writer, first, report);
  for (const auto& [irq, first] : irqs) restore_irq(sys, writer, first, report);
  for (const auto& [cpu, first] : cpus)
    if (first.from == "0") restore_cpu(sys, writer, first, report);
  for (const std::string& unit : units) {
    try {
      if (services.is_active(unit)) continue;
      services.start(unit);
      ++report.services;
    } catch (const Error& e) {
      report.failures.push_back(e.what());
    }
  }
  return report;
}

RestoreReport restore_journal(const std::filesystem::path& state_dir, SystemWriter& writer, ServiceControl& services,
                              std::ostream& out) {
  if (!journal_exists(state_dir)) {
    out << "nothing to restore: no journal in " << state_dir.string() << "\n";
    return {};
  }
  JournalFile journal(state_dir);
  JournalContents contents = journal.read();
  if (contents.torn_line)
    out << "ignored the torn last record (line " << contents.torn_line << " of " << journal.path().string()
        << "): its change was never made\n";
  std::vector<const JournalSession*> pending;
  for (const JournalSession& s : contents.sessions)
    if (s.state != JournalSession::State::Restored) pending.push_back(&s);
  if (pending.empty()) {
    journal.remove();
    out << "nothing to restore: every run in " << journal.path().string() << " already put its changes back\n";
    return {};
  }
  const std::filesystem::path root = pending.front()->root;
  for (const JournalSession* s : pending)
    if (s->root != root)
      throw Error("journal " + journal.path().string() + " mixes roots " + printable(root.string()) + " and " +
                  printable(s->root.string()));
  SysRoot sys(resolve_journal_root(*pending.front(), journal.path()));
  const auto boot = sys.read_line("/proc/sys/kernel/random/boot_id");
  if (boot && !boot->empty() && !pending.front()->boot_id.empty() && pending.front()->boot_id != *boot) {
    journal.remove();
    out << "nothing to restore: the journal is from an earlier boot (" << pending.front()->boot_id
        << "); the reboot put everything back. Removed " << journal.path().string() << "\n";
    return {};
  }
  const std::vector<JournalChange> changes = contents.changes_to_restore();
  refuse_foreign_services(changes, services, sys.root(), journal.path());
  RestoreReport report = restore_changes(sys, writer, services, changes);
  for (const std::string& note : report.notes) out << "note: " << note << "\n";
  if (!report.complete()) {
    std::string first = report.failures.front();
    throw Error("restore incomplete: " + first +
                (report.failures.size() > 1 ? " (and " + std::to_string(report.failures.size() - 1) + " more)" : "") +
                "; the journal stays at " + journal.path().string());
  }
  for (const JournalSession* s : pending) journal.append("restored " + std::to_string(s->number));
  journal.remove();
  out << report.summary() << " (journal " << journal.path().string() << ", root " << root.string() << ")\n";
  return report;
}

}  // namespace irqlab
