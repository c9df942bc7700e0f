#include "CancelScope.h"

namespace trove {

thread_local const std::atomic<bool> *CancelScope::s_current = nullptr;

} // namespace trove
