#pragma once
// What came of one injected event, as events.json records it: a move's
// status (move_status.h) for move and layout events, a CPU change's for
// offline and online. The event's kind says which vocabulary its text is in
// ("already-there" is a word of both).
#include <string>
#include <string_view>
#include <variant>

#include "irqlab/control/move_status.h"
#include "irqlab/scenario/event_kind.h"

namespace irqlab {

enum class CpuEventStatus {
  Done,          // the CPU went offline or online
  AlreadyThere,  // it already was in that state: nothing written
  Failed,        // irqlab or the kernel refused (the outcome says why)
};

inline constexpr Term<CpuEventStatus> kCpuEventStatusTerms[] = {
    {CpuEventStatus::Done, "done"},
    {CpuEventStatus::AlreadyThere, "already-there"},
    {CpuEventStatus::Failed, "failed"},
};
inline constexpr Vocabulary kCpuEventStatuses{"CPU event status", "CPU event statuses", kCpuEventStatusTerms};

inline std::string to_text(CpuEventStatus status) { return std::string(kCpuEventStatuses.text(status)); }

using EventStatus = std::variant<MoveStatus, CpuEventStatus>;

inline std::string to_text(const EventStatus& status) {
  return std::visit([](auto s) { return to_text(s); }, status);
}

// Throws Error naming the accepted words of the kind's vocabulary.
inline EventStatus parse_event_status(EventKind kind, std::string_view text) {
  if (is_cpu_event(kind)) return kCpuEventStatuses.parse(text);
  return kMoveStatuses.parse(text);
}

}  // namespace irqlab
