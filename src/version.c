/*
 * version.c - see version.h. The defaults are for a compiler run by hand.
 */
#include "version.h"

#ifndef PLUMBER_VERSION
#define PLUMBER_VERSION "0.1.0"
#endif
#ifndef PLUMBER_COMMIT
#define PLUMBER_COMMIT "unknown"
#endif

const char plumber_version[] = PLUMBER_VERSION;
const char plumber_commit[] = PLUMBER_COMMIT;
