#pragma once
// How much of this thread's stack is left.  Recursive stages (the rule
// evaluator following facts into facts) count their depth, but the stack a
// level takes differs tenfold between an optimised build and a sanitizer
// build, and a batch thread's stack may be smaller than the main thread's.
// So they also ask, before going one level deeper, whether the stack still
// has room: a report whose rules nest too deeply becomes "not assessable",
// never a crash.
#include <cstddef>

namespace nianbao {

// Bytes between the caller's frame and the end of this thread's stack, or
// SIZE_MAX where the platform does not say.
std::size_t stack_remaining();

// True when fewer than `reserve` bytes of stack are left.
inline bool stack_exhausted(std::size_t reserve = 512 * 1024) { return stack_remaining() < reserve; }

}  // namespace nianbao
