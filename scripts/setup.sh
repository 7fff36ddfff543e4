#!/usr/bin/env bash
# scripts/setup.sh [--test] - install what plumber's build needs, if missing;
# with --test, also what `make check` needs (Go for the leaking test
# programs, clang and libFuzzer, Chromium for the watch HTML report,
# Prometheus and promtool for `watch --prometheus`, xmllint and the npm
# devDependencies to validate the report formats, man and groff for the
# manual pages, pre-commit for the hook, dpkg-dev for make deb).
# Idempotent: installs only missing Debian packages, runs `npm ci` only when
# node_modules does not match package-lock.json. Safe to run every time.
set -eu
cd "$(dirname "$0")/.."

tools="gcc:gcc make:make node:nodejs npm:npm"
libs="libjansson-dev libcurl4-openssl-dev libyaml-dev"
if [ "${1:-}" = --test ]; then
  tools="$tools go:golang-go clang:clang chromium:chromium prometheus:prometheus promtool:prometheus"
  tools="$tools python3:python3 xmllint:libxml2-utils man:man-db groff:groff-base pre-commit:pre-commit"
  tools="$tools dpkg-shlibdeps:dpkg-dev"
  libs="$libs libclang-rt-dev"
fi

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# Tools: any install will do (node and npm often come from elsewhere).
for t in $tools; do
  command -v "${t%%:*}" >/dev/null 2>&1 || need+=("${t#*:}")
done
# Libraries: Debian's development packages.
for p in $libs; do
  have_pkg "$p" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The build needs the dependencies (tree-sitter's sources); the tests also
# the devDependencies (a JSON schema validator and the SARIF schema). One
# stamp each: the Makefile checks the first, and `npm ci` empties
# node_modules, both stamps with it.
stamp=node_modules/.plumber-lock
if [ "${1:-}" = --test ]; then
  if ! cmp -s package-lock.json node_modules/.plumber-lock-test 2>/dev/null; then
    echo "setup: npm ci (pinned tree-sitter sources, test tools)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
    cp package-lock.json node_modules/.plumber-lock-test
  fi
elif ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  echo "setup: npm ci (pinned tree-sitter sources)"
  npm ci --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
