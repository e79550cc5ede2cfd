// Every closed vocabulary of the records: each value goes to its text and
// back, the texts stay the ones files were recorded with, and an unknown word
// is refused naming the accepted ones, from the same table.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "irqlab/common/error.h"
#include "irqlab/control/move_status.h"
#include "irqlab/scenario/event_kind.h"
#include "irqlab/scenario/event_status.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/topology/managed_mode.h"

namespace irqlab {
namespace {

// Round trip through the text, each value and each text once, and the
// texts in table order (run records and results.json hold these words).
template <typename E>
void expect_vocabulary(const Vocabulary<E>& v, const std::vector<std::string>& recorded_texts) {
  std::vector<std::string> texts;
  std::set<E> values;
  for (const Term<E>& t : v.terms()) {
    EXPECT_EQ(v.text(t.value), t.text);
    EXPECT_EQ(v.parse(v.text(t.value)), t.value) << t.text;
    EXPECT_TRUE(values.insert(t.value).second) << "two rows for one value: " << t.text;
    texts.emplace_back(t.text);
  }
  EXPECT_EQ(texts, recorded_texts) << v.what();
  EXPECT_EQ(std::set<std::string>(texts.begin(), texts.end()).size(), texts.size()) << v.what();
}

template <typename E>
std::string refusal(const Vocabulary<E>& v, const std::string& word) {
  return error_of([&] { v.parse(word); });
}

TEST(Vocabulary, ManagedModesRoundTrip) {
  expect_vocabulary(kManagedModes, {"strict", "spread", "override"});
  EXPECT_EQ(refusal(kManagedModes, "stock"), "unknown mode 'stock' (modes: strict, spread, override)");
  EXPECT_EQ(refusal(kManagedModes, "Strict"), "unknown mode 'Strict' (modes: strict, spread, override)");
}

TEST(Vocabulary, MoveStatusesRoundTrip) {
  expect_vocabulary(kMoveStatuses, {"moved", "already-there", "refused", "pending", "unverified", "skipped"});
  EXPECT_EQ(refusal(kMoveStatuses, "done"),
            "unknown move status 'done' (move statuses: moved, already-there, refused, pending, unverified, skipped)");
}

TEST(Vocabulary, EventKindsRoundTrip) {
  expect_vocabulary(kEventKinds, {"move", "offline", "online", "layout"});
  EXPECT_EQ(refusal(kEventKinds, "cycle"), "unknown event kind 'cycle' (event kinds: move, offline, online, layout)");
}

TEST(Vocabulary, CpuEventStatusesRoundTrip) {
  expect_vocabulary(kCpuEventStatuses, {"done", "already-there", "failed"});
  EXPECT_EQ(refusal(kCpuEventStatuses, ""), "unknown CPU event status '' (CPU event statuses: done, already-there, failed)");
}

// events.json holds one status word per event; its kind says which table.
TEST(Vocabulary, AnEventStatusIsReadInTheVocabularyOfItsKind) {
  for (const Term<EventKind>& kind : kEventKinds.terms()) {
    const bool cpu = is_cpu_event(kind.value);
    const EventStatus there = parse_event_status(kind.value, "already-there");
    EXPECT_EQ(there, cpu ? EventStatus(CpuEventStatus::AlreadyThere) : EventStatus(MoveStatus::AlreadyThere));
    EXPECT_EQ(to_text(there), "already-there");
    EXPECT_THROW(parse_event_status(kind.value, cpu ? "moved" : "done"), Error) << kind.text;
  }
}

TEST(Vocabulary, AModeTheKernelDoesNotRunIsAMismatch) {
  EXPECT_FALSE(mode_mismatch(ManagedMode::Override, ManagedMode::Override));
  EXPECT_FALSE(mode_mismatch(ManagedMode::Strict, std::nullopt));  // stock behaves as strict
  EXPECT_EQ(mode_mismatch(ManagedMode::Override, ManagedMode::Strict),
            "the run asked for irq_managed=override but the kernel runs strict (/sys/kernel/irq/managed_mode)");
  EXPECT_EQ(mode_mismatch(ManagedMode::Spread, std::nullopt),
            "the run asked for irq_managed=spread but the kernel runs stock (no /sys/kernel/irq/managed_mode)");
}

TEST(Vocabulary, ModeListsReadAndWriteInOrder) {
  EXPECT_EQ(parse_modes({"override", "strict", "override"}, "--modes"),
            (std::vector<ManagedMode>{ManagedMode::Override, ManagedMode::Strict, ManagedMode::Override}));
  EXPECT_EQ(mode_list({ManagedMode::Spread, ManagedMode::Override}, ","), "spread,override");
  EXPECT_THROW(parse_modes({"strict", "fast"}, "--modes"), Error);
}

}  // namespace
}  // namespace irqlab
