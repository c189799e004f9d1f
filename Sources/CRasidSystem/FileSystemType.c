// Everything is `static inline` in include/CRasidSystem.h, so that modules importing it carry
// their own copy and no object of this target needs linking (Fuzz/run.sh links the library's
// Swift objects by hand). SwiftPM wants one source file in a C target: this one.
#include "CRasidSystem.h"
