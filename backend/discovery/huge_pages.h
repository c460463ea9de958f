// Transparent huge pages for the discovery engine's large buffers.
//
// A million-resident run touches a few hundred MB of fresh memory (feed columns, the queue being
// rendered). With 4 KiB pages that is ~100,000 page faults, about a tenth of the run's CPU
// (perf: do_anonymous_page). Where the machine's THP mode is `madvise` (Debian's default), a
// buffer the process marks MADV_HUGEPAGE is faulted in 2 MiB at a time instead. The advice is a
// hint: without THP, or for a buffer smaller than two huge pages, nothing changes. Only whole
// 2 MiB pages inside the buffer are advised, so no memory outside it is affected.
//
// Thread-safety: a system call on the caller's own memory; any thread.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace jiuzhu::discovery {

inline void advise_huge_pages(const void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  const uintptr_t start = reinterpret_cast<uintptr_t>(data);
  const uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (start + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Reserves `n` elements and advises the reserved storage.
template <typename T>
void reserve_huge(std::vector<T>& v, size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace jiuzhu::discovery
