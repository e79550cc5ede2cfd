#pragma once
// What came of one interrupt move (IrqMove::Status), with the text layout
// reports and a run's events.json record it under.
#include <string>

#include "irqlab/common/vocabulary.h"

namespace irqlab {

enum class MoveStatus {
  Moved,         // written, and the effective affinity is inside the plan
  AlreadyThere,  // the affinity already was the plan: nothing written
  Refused,       // the kernel refused the write (error says why)
  Pending,       // written; x86 moves the vector when the interrupt next fires (debugfs "pending:")
  Unverified,    // written, but the effective affinity did not follow within the settle time
  Skipped,       // not written: every CPU of the plan is offline
};

inline constexpr Term<MoveStatus> kMoveStatusTerms[] = {
    {MoveStatus::Moved, "moved"},           {MoveStatus::AlreadyThere, "already-there"},
    {MoveStatus::Refused, "refused"},       {MoveStatus::Pending, "pending"},
    {MoveStatus::Unverified, "unverified"}, {MoveStatus::Skipped, "skipped"},
};
inline constexpr Vocabulary kMoveStatuses{"move status", "move statuses", kMoveStatusTerms};

inline std::string to_text(MoveStatus status) { return std::string(kMoveStatuses.text(status)); }

// The kernel took the write, whether or not the move showed yet.
inline bool move_accepted(MoveStatus status) {
  return status == MoveStatus::Moved || status == MoveStatus::Pending || status == MoveStatus::Unverified;
}

}  // namespace irqlab
