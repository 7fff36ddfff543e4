/*
 * version.h - which plumber this is: its release and the git commit it was
 * built from. The Makefile compiles version.c alone with both defined
 * (PLUMBER_VERSION, PLUMBER_COMMIT), and only again when the commit
 * changes, so a new commit relinks the binary without recompiling the rest.
 */
#ifndef PLUMBER_VERSION_H
#define PLUMBER_VERSION_H

/* "0.1.0" */
extern const char plumber_version[];

/* The short hash of the commit built, "-dirty" after it when the work tree
 * had changes; "unknown" for a build outside git. */
extern const char plumber_commit[];

#endif
