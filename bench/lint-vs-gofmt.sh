#!/usr/bin/env bash
# make bench: see bench/lint_vs_gofmt.py.
set -eu
cd "$(dirname "$0")/.."
exec python3 bench/lint_vs_gofmt.py build/plumber
