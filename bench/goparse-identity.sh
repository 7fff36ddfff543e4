#!/usr/bin/env bash
# Does our Go parser give tree-sitter's very ast on the .go files under
# the directories given (default: the Go standard library and every
# repository of .cache/corpus*)? Builds build/goparse-identity and runs it
# (bench/goparse_identity.c); -v lists the files it gives up on, and why.
# Exit 1 when any file differs.
set -u
cd "$(dirname "$0")/.."
verbose=
[ "${1:-}" = -v ] && { verbose=-v; shift; }
make -s build/goparse-identity || exit 2
if [ $# = 0 ]; then
  set -- "$(go env GOROOT 2>/dev/null || echo /usr/lib/go)/src"
  for d in .cache/corpus*/*; do [ -d "$d" ] && set -- "$@" "$d"; done
fi
find -L "$@" -name '*.go' -type f | sort | build/goparse-identity $verbose
