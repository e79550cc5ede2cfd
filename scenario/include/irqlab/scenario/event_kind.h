#pragma once
// What one planned event does (PlannedEvent::Kind), with the text a run's
// events.json records it under.
#include <string>

#include "irqlab/common/vocabulary.h"

namespace irqlab {

enum class EventKind { Move, Offline, Online, Layout };

inline constexpr Term<EventKind> kEventKindTerms[] = {
    {EventKind::Move, "move"},
    {EventKind::Offline, "offline"},
    {EventKind::Online, "online"},
    {EventKind::Layout, "layout"},
};
inline constexpr Vocabulary kEventKinds{"event kind", "event kinds", kEventKindTerms};

inline std::string to_text(EventKind kind) { return std::string(kEventKinds.text(kind)); }

// Offline and online change a CPU; the others move interrupts.
inline bool is_cpu_event(EventKind kind) { return kind == EventKind::Offline || kind == EventKind::Online; }

}  // namespace irqlab
