// The journal's text format: records round-trip, corruption is named by
// file and line, a torn last record is ignored.
#include <gtest/gtest.h>

#include "irqlab/control/journal.h"
#include "irqlab/testing/error_of.h"

namespace irqlab {
namespace {

std::string corrupt(const std::string& text) {
  return error_of([&] { parse_journal(text, "/s/journal"); });
}

const std::string kSession = "irqlab-journal 1\nsession 1 pid=7 boot=b-1 time=2026-11-25T18:00:00Z root=/\n";

TEST(Journal, RecordsRoundTrip) {
  JournalSession s{3, 42, "e869cdda", "2026-11-25T18:00:00Z", "/tmp/a root", JournalSession::State::Open, 0};
  JournalChange irq{JournalChange::Kind::Irq, 3, 29, "nvme0q1", "2", "0-1", 0};
  JournalChange cpu{JournalChange::Kind::Cpu, 3, 3, "", "1", "0", 0};
  JournalChange svc{JournalChange::Kind::Service, 3, 0, "irqbalance.service", "", "", 0};
  EXPECT_EQ(session_line(s), "session 3 pid=42 boot=e869cdda time=2026-11-25T18:00:00Z root=/tmp/a%20root");
  EXPECT_EQ(change_line(irq), "irq 3 29 name=nvme0q1 from=2 to=0-1");
  EXPECT_EQ(change_line(cpu), "cpu 3 3 from=1 to=0");
  EXPECT_EQ(change_line(svc), "service 3 stop unit=irqbalance.service");
  const std::string text = journal_header_line() + "\n" + session_line(s) + "\n" + change_line(irq) + "\n" +
                           change_line(cpu) + "\n" + change_line(svc) + "\nkept 3\n";
  JournalContents j = parse_journal(text, "j");
  ASSERT_EQ(j.sessions.size(), 1u);
  EXPECT_EQ(j.sessions[0].root, "/tmp/a root");
  EXPECT_EQ(j.sessions[0].pid, 42);
  EXPECT_EQ(j.sessions[0].state, JournalSession::State::Kept);
  ASSERT_EQ(j.changes.size(), 3u);
  EXPECT_EQ(j.changes[0].name, "nvme0q1");
  EXPECT_EQ(j.changes[0].from, "2");
  EXPECT_EQ(j.changes[0].to, "0-1");
  EXPECT_EQ(j.changes[0].line, 3);
  EXPECT_EQ(j.changes[1].kind, JournalChange::Kind::Cpu);
  EXPECT_EQ(j.changes[2].name, "irqbalance.service");
  EXPECT_EQ(j.changes_to_restore().size(), 3u);
}

TEST(Journal, ValuesAreEscaped) {
  EXPECT_EQ(encode_journal_value("PCIe PME=1%"), "PCIe%20PME%3D1%25");
  JournalChange c{JournalChange::Kind::Irq, 1, 9, "PCIe PME, aerdrv", "0-3", "1", 0};
  JournalContents j = parse_journal(kSession + change_line(c) + "\n", "j");
  EXPECT_EQ(j.changes.at(0).name, "PCIe PME, aerdrv");
}

TEST(Journal, RestoredSessionsAreNotRestoredAgain) {
  JournalContents j = parse_journal(kSession + "cpu 1 3 from=1 to=0\nrestored 1\n"
                                               "session 2 pid=8 boot=b-1 time=t root=/\ncpu 2 2 from=1 to=0\n",
                                    "j");
  ASSERT_EQ(j.changes_to_restore().size(), 1u);
  EXPECT_EQ(j.changes_to_restore()[0].id, 2);
  EXPECT_EQ(j.session(2)->state, JournalSession::State::Open);
}

TEST(Journal, TornLastRecordIsIgnored) {
  JournalContents j = parse_journal(kSession + "cpu 1 3 from=1 to=0\ncpu 1 2 fr", "j");
  EXPECT_EQ(j.torn_line, 4);
  EXPECT_EQ(j.changes.size(), 1u);
  EXPECT_TRUE(parse_journal("", "j").sessions.empty()) << "created, then a crash before the header";
}

TEST(Journal, CorruptionNamesFileAndLine) {
  EXPECT_EQ(corrupt("hello\n"), "corrupt journal /s/journal:1: expected 'irqlab-journal 1', got 'hello'");
  EXPECT_EQ(corrupt(kSession + "move 1 29\n"), "corrupt journal /s/journal:3: unknown record 'move'");
  EXPECT_EQ(corrupt(kSession + "irq 2 29 name=a from=1 to=2\n"),
            "corrupt journal /s/journal:3: session 2 was never started");
  EXPECT_EQ(corrupt(kSession + "irq 1 29 name=a from=x to=2\n"),
            "corrupt journal /s/journal:3: irq 29: from/to must be CPU lists");
  EXPECT_EQ(corrupt(kSession + "irq 1 29 name=a to=2\n"), "corrupt journal /s/journal:3: record 'irq' has no from=");
  EXPECT_EQ(corrupt(kSession + "cpu 1 3 from=1 to=2\n"), "corrupt journal /s/journal:3: cpu 3: from/to must be 0 or 1");
  EXPECT_EQ(corrupt(kSession + "cpu 1\n"), "corrupt journal /s/journal:3: record 'cpu' is cut short");
  EXPECT_EQ(corrupt(kSession + "cpu x 3 from=1 to=0\n"), "corrupt journal /s/journal:3: bad session number 'x'");
  EXPECT_EQ(corrupt(kSession + "\ncpu 1 3 from=1 to=0\n"), "corrupt journal /s/journal:3: empty line");
  EXPECT_EQ(corrupt(kSession + "irq 1 29 name=a%2 from=1 to=2\n"),
            "corrupt journal /s/journal:3: bad escape in 'name=a%2'");
  EXPECT_EQ(corrupt(kSession + "restored 1\ncpu 1 3 from=1 to=0\n"),
            "corrupt journal /s/journal:4: change after the end of session 1");
  EXPECT_EQ(corrupt(kSession + "session 1 pid=9 boot=b time=t root=/\n"),
            "corrupt journal /s/journal:3: session 1 started twice");
}

TEST(Journal, KeysAreExactlyThoseOfTheRecordEachOnce) {
  EXPECT_EQ(corrupt(kSession + "irq 1 29 name=a from=1 from=0-3 to=2\n"),
            "corrupt journal /s/journal:3: record 'irq' has from= twice");
  EXPECT_EQ(corrupt(kSession + "cpu 1 3 from=1 to=0 path=/etc/passwd\n"),
            "corrupt journal /s/journal:3: record 'cpu' has an unknown field 'path='");
  EXPECT_EQ(corrupt("irqlab-journal 1\nsession 1 pid=7 pid=8 boot=b time=t root=/\n"),
            "corrupt journal /s/journal:2: record 'session' has pid= twice");
}

TEST(Journal, OnlyIrqbalanceMayBeStartedAgain) {
  EXPECT_EQ(corrupt(kSession + "service 1 stop unit=sshd.service\n"),
            "corrupt journal /s/journal:3: service 'sshd.service' is not one irqlab stops (only irqbalance.service)");
  EXPECT_EQ(corrupt(kSession + "service 1 stop unit=irqbalance.service%0Arm\n"),
            "corrupt journal /s/journal:3: service 'irqbalance.service\\nrm' is not one irqlab stops (only "
            "irqbalance.service)");
}

TEST(Journal, RootsAreAbsoluteAndMessagesPrintable) {
  EXPECT_EQ(corrupt("irqlab-journal 1\nsession 1 pid=7 boot=b time=t root=fixtures/x\n"),
            "corrupt journal /s/journal:2: root 'fixtures/x' is not an absolute path");
  EXPECT_EQ(corrupt("irqlab-journal 1\r\n"),
            "corrupt journal /s/journal:1: line ends with a carriage return (CRLF): irqlab writes LF line ends only");
  EXPECT_EQ(corrupt("\x1b[2J\x7f\n"), "corrupt journal /s/journal:1: expected 'irqlab-journal 1', got '\\x1b[2J\\x7f'");
  EXPECT_EQ(corrupt(kSession + "cpu \x01 3\n"), "corrupt journal /s/journal:3: bad session number '\\x01'");
}

}  // namespace
}  // namespace irqlab
