#include "irqlab/control/control_session.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <thread>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/discovery.h"
#include "irqlab/topology/interrupts.h"

namespace irqlab {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string cpu_online_path(int cpu) { return "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/online"; }
std::string irq_dir(int irq) { return "/proc/irq/" + std::to_string(irq); }

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::int64_t mono_ns(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

[[noreturn]] void cannot_open(const fs::path& path, int error) {
  throw Error("cannot open " + path.string() + " for writing: " + std::strerror(error) +
              (error == EACCES ? " (irqlab must run as root to change the machine)" : "") + symlink_hint(error));
}

// The root as the journal records it: "/" for the live system however it
// was named (restore refuses any other root that resolves to /), else
// absolute, so that `irqlab restore` run from elsewhere finds the same one.
fs::path journal_root(const SysRoot& sys) {
  if (sys.is_live()) return "/";
  std::error_code ec;
  fs::path absolute = fs::absolute(sys.root(), ec);
  return ec ? sys.root() : absolute;
}

bool is_subset(const CpuSet& a, const CpuSet& b) { return std::includes(b.begin(), b.end(), a.begin(), a.end()); }

CpuSet intersect(const CpuSet& a, const CpuSet& b) {
  CpuSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// Why the kernel refused a write to smp_affinity_list, in words. Managed:
// debugfs says so; without debugfs, 6.12 makes the file 0444 exactly when it
// refuses.
std::string refusal_outcome(const SysRoot& sys, int irq, int error, const NvmeQueue* queue, const std::string& file) {
  std::optional<bool> managed;
  if (auto state = sys.read("/sys/kernel/debug/irq/irqs/" + std::to_string(irq)))
    managed = state->find("IRQD_AFFINITY_MANAGED") != std::string::npos;
  else if (queue && queue->managed)
    managed = queue->managed;
  else
    managed = !sys.owner_writable(file);
  const std::string code = std::string(" (") + errno_name(error) + ")";
  if (*managed && (error == EPERM || error == EIO)) return "refused by the kernel: managed interrupt" + code;
  if (error == EPERM) return "refused by the kernel: affinity not settable from user space" + code;
  if (error == EINVAL) return "refused by the kernel: CPU set not usable for this interrupt" + code;
  if (error == ENOSPC) return "refused by the kernel: no free interrupt vector on those CPUs" + code;
  if (error == EBUSY) return "refused by the kernel: a previous move is still in progress" + code;
  return std::string("refused by the kernel: ") + std::strerror(error) + code;
}

// The CPUs debugfs shows a move waiting for ("pending:  3"), if any: without
// interrupt remapping x86 moves an MSI vector only when it next fires.
std::optional<CpuSet> pending_cpus(const SysRoot& sys, int irq) {
  auto state = sys.read("/sys/kernel/debug/irq/irqs/" + std::to_string(irq));
  if (!state) return std::nullopt;
  for (const std::string& line : split(*state, '\n')) {
    if (!starts_with(line, "pending:")) continue;
    auto pending = parse_cpu_list(trim(std::string_view(line).substr(8)));
    if (pending && !pending->empty()) return pending;
  }
  return std::nullopt;
}

// The journal line of an affinity change: what restore writes back.
JournalChange irq_change(int session, int irq, std::string name, const CpuSet& from, const CpuSet& to) {
  JournalChange c;
  c.kind = JournalChange::Kind::Irq;
  c.session = session;
  c.id = irq;
  c.name = std::move(name);
  c.from = format_cpu_list(from);
  c.to = format_cpu_list(to);
  return c;
}

const NvmeQueue* queue_of_irq(const Machine& machine, int irq) {
  const NvmeQueue* queue = nullptr;
  for (const NvmeController& c : machine.controllers)
    for (const NvmeQueue& q : c.queues)
      if (q.irq == irq) queue = &q;
  return queue;
}

}  // namespace

ControlSession::ControlSession(Machine machine, ControlOptions options, SystemWriter& writer,
                               ServiceControl& services)
    : machine_(std::move(machine)),
      options_(std::move(options)),
      sys_(machine_.root),
      writer_(writer),
      services_(services) {
  journal_ = std::make_unique<JournalFile>(options_.state_dir);
  JournalContents contents = journal_->read();
  for (const JournalSession& s : contents.sessions) {
    if (s.state == JournalSession::State::Open)
      throw Error("journal " + journal_->path().string() + " holds changes of an irqlab run that did not finish (pid " +
                  std::to_string(s.pid) + ", " + s.time + "): run `irqlab restore` first");
    if (s.state == JournalSession::State::Kept && s.root != journal_root(sys_))
      throw Error("journal " + journal_->path().string() + " holds kept changes under root " + s.root.string() +
                  ": run `irqlab restore` first");
    session_ = std::max(session_, s.number);
  }
  ++session_;
}

ControlSession::~ControlSession() {
  if (ended_) return;
  try {
    restore();
  } catch (const std::exception& e) {
    // Another error may be on its way to main(): this one is a warning.
    if (options_.log) *options_.log << "irqlab: warning: " << e.what() << "\n" << std::flush;
  }
}

void ControlSession::begin_if_needed() {
  if (begun_) return;
  JournalSession s;
  s.number = session_;
  s.pid = static_cast<int>(getpid());
  s.boot_id = machine_.kernel.boot_id;
  s.time = utc_now();
  s.root = journal_root(sys_);
  journal_->append(session_line(s));
  begun_ = true;
}

void ControlSession::record(const JournalChange& change) { record(std::vector<JournalChange>{change}); }

void ControlSession::record(const std::vector<JournalChange>& changes) {
  if (ended_) throw Error("internal: change after the end of the control session");
  begin_if_needed();
  std::vector<std::string> lines;
  for (const JournalChange& c : changes) lines.push_back(change_line(c));
  journal_->append(lines);
}

// Taking a CPU offline moves every interrupt whose CPUs all go away: a
// managed one is shut down and comes back by itself, any other has its
// affinity broken to the online CPUs for good (option 1 queues too). Their
// affinities are journaled with the CPU so that restore puts them back.
std::vector<JournalChange> ControlSession::affinities_broken_by_offline(int cpu, const CpuSet& online) {
  CpuSet remaining = online;
  remaining.erase(cpu);
  std::vector<JournalChange> out;
  std::optional<InterruptTable> table;
  if (auto text = sys_.read("/proc/interrupts")) table = parse_proc_interrupts(*text);
  for (const std::string& entry : sys_.list("/proc/irq")) {
    auto irq = parse_int(entry);
    if (!irq) continue;
    auto affinity = sys_.read_cpu_list("/proc/irq/" + entry + "/smp_affinity_list");
    if (!affinity || affinity->empty() || !intersect(*affinity, remaining).empty()) continue;
    std::string name;
    if (table)
      if (const InterruptLine* line = table->find_by_irq(entry))
        name = std::string(trim(split(line->name, ',').front()));  // a shared line: its first action
    // "to": where the kernel may break it to
    out.push_back(irq_change(session_, static_cast<int>(*irq), name, *affinity, remaining));
  }
  return out;
}

IrqMove ControlSession::move_irq(int irq, const CpuSet& cpus) {
  const std::string dir = irq_dir(irq);
  const std::string file = dir + "/smp_affinity_list";
  IrqMove m;
  m.irq = irq;
  m.requested = cpus;
  auto before = sys_.read_cpu_list(file);
  if (!before) throw Error("irq " + std::to_string(irq) + " does not exist (no " + sys_.path(file).string() + ")");
  m.before = *before;
  m.effective_before = sys_.read_cpu_list(dir + "/effective_affinity_list").value_or(CpuSet{});
  const NvmeQueue* queue = queue_of_irq(machine_, irq);
  if (queue) m.name = queue->name;

  const CpuSet online = sys_.read_cpu_list("/sys/devices/system/cpu/online").value_or(machine_.online_cpus);
  const CpuSet usable = intersect(cpus, online);
  m.after = m.before;
  m.effective_after = m.effective_before;
  if (usable.empty()) {
    m.status = IrqMove::Status::Skipped;
    m.outcome = "not written: every CPU of the plan is offline (the kernel would fall back to its default affinity)";
    return m;
  }
  if (m.before == cpus) {
    m.status = IrqMove::Status::AlreadyThere;
    m.outcome = "already there";
    return m;
  }

  record(irq_change(session_, irq, m.name, m.before, cpus));

  const Clock::time_point t0 = Clock::now();
  WriteResult r = writer_.write(sys_.root(), file, format_cpu_list(cpus) + "\n");
  m.write_ms = ms_since(t0);
  m.write_issued_ns = mono_ns(t0);
  m.write_returned_ns = mono_ns(Clock::now());
  if (r.at_open) cannot_open(sys_.path(file), r.error);
  if (r.error) {
    m.status = IrqMove::Status::Refused;
    m.error = r.error;
    m.outcome = refusal_outcome(sys_, irq, r.error, queue, file);
    m.after = sys_.read_cpu_list(file).value_or(m.before);
    m.effective_after = sys_.read_cpu_list(dir + "/effective_affinity_list").value_or(CpuSet{});
    return m;
  }

  // A kernel that accepts the write may move the vector only at the next
  // interrupt: wait (bounded) for the effective affinity to follow.
  const Clock::time_point deadline = t0 + options_.settle;
  for (;;) {
    m.after = sys_.read_cpu_list(file).value_or(CpuSet{});
    m.effective_after = sys_.read_cpu_list(dir + "/effective_affinity_list").value_or(CpuSet{});
    if (!m.effective_after.empty() && is_subset(m.effective_after, usable)) {
      m.effective_ms = ms_since(t0);
      m.effective_seen_ns = mono_ns(Clock::now());
      m.status = IrqMove::Status::Moved;
      m.outcome = "moved";
      return m;
    }
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (auto pending = pending_cpus(sys_, irq); pending && is_subset(*pending, cpus)) {
    m.status = IrqMove::Status::Pending;
    m.outcome = "written; pending until the interrupt next fires (pending " + format_cpu_list(*pending) +
                ", effective still " + format_cpu_list(m.effective_after) + ")";
    return m;
  }
  m.status = IrqMove::Status::Unverified;
  m.outcome = "written, but the effective affinity is still " +
              (m.effective_after.empty() ? std::string("empty") : format_cpu_list(m.effective_after)) + " after " +
              std::to_string(options_.settle.count()) + " ms";
  return m;
}

CpuChange ControlSession::set_cpu_online(int cpu, bool online) {
  const std::string name = "CPU " + std::to_string(cpu);
  if (!machine_.present_cpus.count(cpu))
    throw Error(name + " does not exist (CPUs " + format_cpu_list(machine_.present_cpus) + ")");
  const std::string file = cpu_online_path(cpu);
  CpuChange change{cpu, online, false, 0};
  auto state = sys_.read_line(file);
  if (!state) {
    if (!online) throw Error(name + " cannot be taken offline: it has no online file (the boot CPU)");
    return change;  // always online
  }
  const bool is_online = *state == "1";
  if (is_online == online) return change;
  if (!online) {
    if (options_.harness_cpus.count(cpu))
      throw Error(name + " runs the harness (harness CPUs " + format_cpu_list(options_.harness_cpus) +
                  "): not taken offline");
    if (auto node = machine_.node_of_cpu(cpu)) {
      const CpuSet now = sys_.read_cpu_list("/sys/devices/system/cpu/online").value_or(machine_.online_cpus);
      CpuSet others = intersect(machine_.node(*node)->cpus, now);
      others.erase(cpu);
      if (others.empty())
        throw Error(name + " is the last online CPU of node " + std::to_string(*node) + ": not taken offline");
    }
  }
  std::vector<JournalChange> changes;
  if (!online)
    changes = affinities_broken_by_offline(
        cpu, sys_.read_cpu_list("/sys/devices/system/cpu/online").value_or(machine_.online_cpus));
  JournalChange record_change;
  record_change.kind = JournalChange::Kind::Cpu;
  record_change.session = session_;
  record_change.id = cpu;
  record_change.from = is_online ? "1" : "0";
  record_change.to = online ? "1" : "0";
  changes.push_back(record_change);
  record(changes);

  const Clock::time_point t0 = Clock::now();
  WriteResult r = writer_.write(sys_.root(), file, online ? "1\n" : "0\n");
  change.ms = ms_since(t0);
  change.write_issued_ns = mono_ns(t0);
  change.write_returned_ns = mono_ns(Clock::now());
  if (r.at_open) cannot_open(sys_.path(file), r.error);
  const std::string verb = online ? "bring " + name + " online" : "take " + name + " offline";
  if (r.error)
    throw Error("the kernel refused to " + verb + ": " + std::strerror(r.error) + " (" + errno_name(r.error) + ")");
  if (sys_.read_line(file) != record_change.to) throw Error("could not " + verb + ": its online file did not change");
  change.changed = true;
  return change;
}

bool ControlSession::stop_irqbalance() {
  const std::vector<int> pids = irqbalance_pids(sys_);
  if (pids.empty()) return false;
  const std::string who = "irqbalance (pid " + std::to_string(pids.front()) + ")";
  if (!services_.manages(sys_.root()))
    throw Error(who + " runs under root " + sys_.root().string() + ": irqlab stops services only on the live system");
  if (!services_.is_active(kIrqbalanceUnit))
    throw Error(who + " is not run by systemd's " + kIrqbalanceUnit +
                ": stop it yourself (irqlab would not know how to start it again)");
  JournalChange change;
  change.kind = JournalChange::Kind::Service;
  change.session = session_;
  change.name = kIrqbalanceUnit;
  record(change);
  services_.stop(kIrqbalanceUnit);
  return true;
}

RestoreReport ControlSession::restore() {
  if (ended_) return {};
  ended_ = true;
  RestoreReport report;
  JournalContents contents = journal_->read();
  if (begun_) {
    report = restore_changes(sys_, writer_, services_, contents.changes_of(session_));
    if (options_.log)
      for (const std::string& note : report.notes) *options_.log << "irqlab: note: " << note << "\n";
    if (!report.complete())
      throw Error("restore incomplete: " + report.failures.front() +
                  (report.failures.size() > 1 ? " (and " + std::to_string(report.failures.size() - 1) + " more)" : "") +
                  "; run `irqlab restore` once the cause is fixed (journal " + journal_->path().string() + ")");
    journal_->append("restored " + std::to_string(session_));
    contents.session(session_)->state = JournalSession::State::Restored;
    if (options_.log && (report.irqs || report.cpus || report.services))
      *options_.log << "irqlab: " << report.summary() << "\n" << std::flush;
  }
  // Nothing left to put back: no journal.
  if (std::all_of(contents.sessions.begin(), contents.sessions.end(),
                  [](const JournalSession& s) { return s.state == JournalSession::State::Restored; }))
    journal_->remove();
  return report;
}

void ControlSession::keep() {
  if (ended_) return;
  ended_ = true;
  if (!begun_) {
    JournalContents contents = journal_->read();
    if (contents.sessions.empty()) journal_->remove();
    return;
  }
  journal_->append("kept " + std::to_string(session_));
  if (options_.log)
    *options_.log << "irqlab: changes kept; `irqlab restore` puts them back (journal " << journal_->path().string()
                  << ")\n";
}

}  // namespace irqlab
