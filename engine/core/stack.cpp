#include "core/stack.hpp"

#include <cstdint>
#include <limits>

#if defined(__linux__) && defined(__GLIBC__)
#include <pthread.h>
#define NIANBAO_HAVE_PTHREAD_ATTR 1
#endif

namespace nianbao {

namespace {
#if NIANBAO_HAVE_PTHREAD_ATTR
// The lowest address of this thread's stack (stacks grow down on every
// platform glibc supports that nianbao builds for), asked once per thread.
std::uintptr_t stack_low() {
    thread_local std::uintptr_t low = [] {
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) != 0) return std::uintptr_t{0};
        void* addr = nullptr;
        std::size_t size = 0;
        int rc = pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
        return rc == 0 ? reinterpret_cast<std::uintptr_t>(addr) : std::uintptr_t{0};
    }();
    return low;
}
#endif
}  // namespace

std::size_t stack_remaining() {
#if NIANBAO_HAVE_PTHREAD_ATTR
    std::uintptr_t low = stack_low();
    auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    if (low == 0 || here <= low) return low == 0 ? std::numeric_limits<std::size_t>::max() : 0;
    return here - low;
#else
    return std::numeric_limits<std::size_t>::max();
#endif
}

}  // namespace nianbao
