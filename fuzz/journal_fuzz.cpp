// The control journal, and what restore would take from it.
#include "fuzz_input.h"
#include "irqlab/control/journal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) {
    const irqlab::JournalContents journal = irqlab::parse_journal(text, "fuzz/journal");
    for (const irqlab::JournalSession& s : journal.sessions) irqlab::session_line(s);
    for (const irqlab::JournalChange& c : journal.changes_to_restore()) irqlab::change_line(c);
  });
}
