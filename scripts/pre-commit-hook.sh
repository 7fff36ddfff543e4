#!/usr/bin/env bash
# plumber's hook for pre-commit (see .pre-commit-hooks.yaml and docs/ci.md):
# lint the packages of the Go files pre-commit passes.
#
#   scripts/pre-commit-hook.sh [PLUMBER-LINT-OPTION...] FILE.go...
#
# A Go package is a directory: each passed file's directory is linted as a
# whole (a helper in one file that closes a body counts for the others),
# without its subdirectories. Test files are left out, as plumber lint
# leaves out test findings of most packages; with --tests among the
# options, the packages' test files are linted and shown too. Arguments
# that name an existing .go file are files; every other argument is passed
# on to plumber lint as it is, in order (--new-from-rev=HEAD, -j 2...).
# plumber is $PLUMBER, else the one on PATH (make && make install).
set -u

plumber=${PLUMBER:-plumber}
if ! command -v "$plumber" >/dev/null 2>&1; then
	echo "plumber pre-commit hook: '$plumber' is not on PATH; build and install plumber (make && sudo make install)" >&2
	exit 2
fi

opts=() dirs=() tests=0
declare -A seen=()
for arg in "$@"; do
	if [[ $arg == *.go && -f $arg ]]; then
		dir=$(dirname -- "$arg")
		if [ -z "${seen[$dir]:-}" ]; then
			seen[$dir]=1
			dirs+=("$dir")
		fi
	else
		[ "$arg" = --tests ] && tests=1
		opts+=("$arg")
	fi
done

files=()
for dir in "${dirs[@]}"; do
	for f in "$dir"/*.go; do
		[ -f "$f" ] || continue
		[[ $f == *_test.go && $tests = 0 ]] && continue
		files+=("${f#./}")
	done
done
[ ${#files[@]} = 0 ] && exit 0
exec "$plumber" lint ${opts[@]+"${opts[@]}"} -- "${files[@]}"
