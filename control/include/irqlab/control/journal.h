#pragma once
// The journal: every change irqlab makes to a machine is appended to
// <state dir>/journal and fsynced BEFORE it is made, so that whatever happens
// to irqlab (exception, SIGINT, SIGTERM, SIGKILL, a crash) the original
// values can be put back: by the session itself on the way out, or by
// `irqlab restore` afterwards.
//
// State dir: --state-dir, else $IRQLAB_STATE_DIR, else <cache>/journal
// (<cache> = $IRQLAB_CACHE_DIR, $XDG_CACHE_HOME/irqlab or ~/.cache/irqlab).
// What the journal protects (irq affinities, online CPUs, a stopped service)
// does not survive a reboot, so a per-user cache is enough: it is writable in
// lab guests (whose /var is the host's, read-only) and without root for
// fixture roots; the boot ID in each session tells a stale journal from a
// live one.
//
// Format (text, one record per line, fields separated by one space; values
// percent-encode bytes <= 0x20, '%', '=' and >= 0x7f):
//   irqlab-journal 1                                  first line: format and version
//   session S pid=P boot=B time=T root=R              a run of irqlab starts (S = 1, 2, ...)
//   irq S N name=A from=CPUS to=CPUS                  /proc/irq/N/smp_affinity_list of action A; also
//                                                     written before a CPU goes offline for each irq
//                                                     whose CPUs all go away (the kernel breaks its
//                                                     affinity; to= is then the remaining online CPUs)
//   cpu S C from=0|1 to=0|1                           /sys/devices/system/cpu/cpuC/online
//   service S stop unit=U                             a systemd unit stopped: only irqbalance.service
//   restored S                                        session S put everything back
//   kept S                                            session S ended leaving its changes (--keep)
// A session with neither "restored" nor "kept" did not finish: a crash.
// A last line without its newline is a record torn by a crash while it was
// written; its change was never made, so it is ignored.
// The journal is read as untrusted input: roots must be absolute, each
// record has exactly its keys, each once, and a service line may name only
// a unit irqlab itself stops; anything else is a corrupt journal.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

inline constexpr int kJournalVersion = 1;

struct JournalSession {
  int number = 0;
  int pid = 0;
  std::string boot_id;
  std::string time;
  std::filesystem::path root;
  enum class State { Open, Restored, Kept } state = State::Open;
  int line = 0;
};

struct JournalChange {
  enum class Kind { Irq, Cpu, Service } kind = Kind::Irq;
  int session = 0;
  int id = 0;            // irq number or CPU number
  std::string name;      // irq action name, or the unit
  std::string from, to;  // CPU list or 0/1; empty for a service
  int line = 0;
};

struct JournalContents {
  std::vector<JournalSession> sessions;
  std::vector<JournalChange> changes;
  int torn_line = 0;     // line number of an ignored torn last record, or 0

  JournalSession* session(int number);
  const JournalSession* session(int number) const;
  std::vector<JournalChange> changes_of(int session) const;
  // Changes of sessions that neither restored nor were kept, plus kept ones.
  std::vector<JournalChange> changes_to_restore() const;
};

// Throws Error("corrupt journal <file>:<line>: <what>").
JournalContents parse_journal(std::string_view text, const std::string& file);

std::string journal_header_line();
std::string session_line(const JournalSession& s);
std::string change_line(const JournalChange& c);
std::string encode_journal_value(std::string_view value);

// --state-dir if given, else $IRQLAB_STATE_DIR, else <cache>/journal.
std::filesystem::path resolve_state_dir(const std::filesystem::path& option);

// <state dir>/journal, opened for appending under an exclusive lock
// (flock), so that two irqlab runs never interleave their records.
class JournalFile {
 public:
  // Creates the directory and file. Throws Error if another irqlab holds the
  // lock ("journal <file> is in use by another irqlab (pid N)").
  explicit JournalFile(const std::filesystem::path& state_dir);
  ~JournalFile();
  JournalFile(const JournalFile&) = delete;
  JournalFile& operator=(const JournalFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  JournalContents read() const;
  // Appends records and fsyncs them, once (the directory too, the first time).
  void append(const std::string& line);
  void append(const std::vector<std::string>& lines);
  // Removes the file (everything in it was put back).
  void remove();

 private:
  std::filesystem::path path_;
  std::filesystem::path lock_file_;  // set when the kernel has no flock (CONFIG_FILE_LOCKING=n)
  int fd_ = -1;
  bool dir_synced_ = false;
};

// Whether <state dir>/journal exists.
bool journal_exists(const std::filesystem::path& state_dir);

}  // namespace irqlab
