#!/usr/bin/env bash
# plumber installed like a tool: --version names the commit built; the
# manual pages, written from the option tables (`--help-man`), render with
# man -l without a warning and carry every option of --help with its help
# text; `make install DESTDIR=...` puts the binary and the pages in place,
# where they run and render, and `make uninstall` leaves no file behind;
# `make deb` packages the same with Debian's tools.
set -u
cd "$(dirname "$0")/.."
. tests/lib/check.sh
ROOT=$PWD

for t in man groff; do
	command -v $t >/dev/null || { bad "$t is not installed (bash scripts/setup.sh --test installs it)"; finish; }
done

# ------------------------------------------------------------ --version
v=$(timeout 10 "$PLUMBER" --version)
[[ $v =~ ^plumber\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{7,}(-dirty)?|unknown)\)$ ]] && ok ||
	bad "--version: '$v'"
if [ -e .git ] && head=$(git rev-parse --short HEAD 2>/dev/null); then
	case $v in *"(commit $head"*) ok ;; *) bad "--version should name HEAD ($head): '$v' (rebuild?)" ;; esac
fi
[ "$(timeout 10 "$PLUMBER" version)" = "$v" ] && ok || bad "'plumber version' differs from --version"
timeout 10 "$PLUMBER" --help | grep -q -- '--version' && ok || bad "plumber --help should list --version"

# ------------------------------------------------------------ manual pages
# render PAGE: the text man shows (no hyphenation, no justification, wide)
render() { MANWIDTH=200 timeout 30 man --nh --nj -l "$1" 2>"$tmp/man.err" | col -b; }

# options CMD...: "option<TAB>help" for each option of CMD --help (an
# option too long for its column has its help on the next line)
options() {
	timeout 10 "$PLUMBER" "$@" --help | awk '
		/^    -/ { opt = substr($0, 5, 24); sub(/ +$/, "", opt); help = substr($0, 29)
			 if (help == "") pending = opt; else print opt "\t" help; next }
		pending != "" && /^                            [^ ]/ { print pending "\t" substr($0, 29) }
		{ pending = "" }'
}

for cmd in "" lint explain watch; do
	page=plumber${cmd:+-$cmd}
	f=$tmp/$page.1
	# shellcheck disable=SC2086
	timeout 10 "$PLUMBER" $cmd --help-man >"$f" 2>"$tmp/err" && ok || bad "$page: --help-man failed: $(cat "$tmp/err")"
	[ -s "$tmp/err" ] && bad "$page: --help-man wrote to stderr: $(cat "$tmp/err")"
	grep -q "^\.TH $(printf '%s' "${page^^}" | sed 's/-/\\\\-/g') 1 " "$f" && ok || bad "$page: no .TH line"
	# groff's own warnings, all of them, and man's
	w=$(groff -man -ww -z "$f" 2>&1)
	[ -z "$w" ] && ok || bad "$page: groff warns: ${w:0:500}"
	MANWIDTH=80 man --warnings=all -l "$f" >/dev/null 2>"$tmp/man.err"
	[ -s "$tmp/man.err" ] && bad "$page: man -l warns: $(head -c 500 "$tmp/man.err")" || ok
	text=$(render "$f")
	flat=$(printf '%s' "$text" | tr -s ' \n' '  ')
	for sec in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" "SEE ALSO"; do
		grep -q "^$sec" <<<"$text" && ok || bad "$page: no $sec section"
	done
	grep -q "^ *$page - " <<<"$text" && ok || bad "$page: the NAME line"
	n=0
	while IFS=$'\t' read -r opt help; do
		n=$((n + 1))
		help=$(printf '%s' "$help" | tr -s ' ' ' ')
		case $flat in *"$opt"*) ok ;; *) bad "$page: option '$opt' of --help is not in the page" ;; esac
		case $flat in *"$help"*) ok ;; *) bad "$page: the help of '$opt' is not in the page: '$help'" ;; esac
	# shellcheck disable=SC2086
	done < <(options $cmd)
	[ "$n" -ge 2 ] && ok || bad "$page: found only $n options in --help"
done
# hidden options stay hidden
grep -q dump.flow "$tmp/plumber-lint.1" && bad "plumber-lint(1) shows the hidden --dump-flow" || ok
# tables the pages are made from: every command, every rule
for c in lint explain watch; do
	grep -q "plumber $c" <<<"$(render "$tmp/plumber.1")" && ok || bad "plumber(1) does not list $c"
done
lint_text=$(render "$tmp/plumber-lint.1")
for r in $(timeout 10 "$PLUMBER" lint --list-rules | awk '{print $1}'); do
	grep -q "^ *$r$" <<<"$lint_text" && ok || bad "plumber-lint(1) does not list rule $r"
done
for f in checkstyle code-climate junit-xml sarif github; do
	grep -q "^ *$f" <<<"$lint_text" && ok || bad "plumber-lint(1) does not describe --format $f"
done

# ------------------------------------------------------------ make install
# Installs build/plumber (the build under test may be another one: only the
# install is tested here).
D=$tmp/root
if out=$(timeout 300 make -s install DESTDIR="$D" PREFIX=/usr 2>&1); then ok; else bad "make install: ${out:0:500}"; fi
for f in usr/bin/plumber usr/share/man/man1/plumber.1 usr/share/man/man1/plumber-lint.1 \
	usr/share/man/man1/plumber-explain.1 usr/share/man/man1/plumber-watch.1; do
	[ -f "$D/$f" ] && ok || bad "make install did not install /$f"
done
[ -x "$D/usr/bin/plumber" ] && ok || bad "the installed binary is not executable"
iv=$(timeout 10 "$D/usr/bin/plumber" --version 2>&1)
[[ $iv =~ ^plumber\ [0-9] ]] && ok || bad "the installed binary does not run: $iv"
for p in "$D"/usr/share/man/man1/*.1; do
	MANWIDTH=80 man --warnings=all -l "$p" >"$tmp/out" 2>"$tmp/man.err"
	[ -s "$tmp/man.err" ] && bad "installed $(basename "$p"): man -l warns: $(head -c 300 "$tmp/man.err")" || ok
	grep -q "OPTIONS" "$tmp/out" && ok || bad "installed $(basename "$p") does not render"
done
[ "$(find "$D" -type f | wc -l)" = 5 ] && ok || bad "make install put more than 5 files: $(find "$D" -type f)"
# The default prefix, in a DESTDIR of its own
if out=$(timeout 300 make -s install DESTDIR="$tmp/root2" 2>&1); then ok; else bad "make install (default PREFIX): ${out:0:500}"; fi
[ -x "$tmp/root2/usr/local/bin/plumber" ] && [ -f "$tmp/root2/usr/local/share/man/man1/plumber-lint.1" ] && ok ||
	bad "the default PREFIX should be /usr/local: $(cd "$tmp/root2" && find . -type f)"

if out=$(timeout 60 make -s uninstall DESTDIR="$D" PREFIX=/usr 2>&1); then ok; else bad "make uninstall: ${out:0:500}"; fi
left=$(find "$D" -type f -o -type l)
[ -z "$left" ] && ok || bad "make uninstall left: $left"
timeout 60 make -s uninstall DESTDIR="$tmp/root2" >/dev/null 2>&1
[ -z "$(find "$tmp/root2" -type f)" ] && ok || bad "make uninstall (default PREFIX) left files"

# ------------------------------------------------------------ make deb
if ! command -v dpkg-shlibdeps >/dev/null; then
	bad "dpkg-shlibdeps is not installed (bash scripts/setup.sh --test installs dpkg-dev)"
	finish
fi
if out=$(timeout 300 make -s deb 2>&1); then ok; else bad "make deb: ${out:0:500}"; fi
deb=$(ls build/plumber_*_"$(dpkg --print-architecture)".deb 2>/dev/null | head -1)
if [ -f "$deb" ]; then
	ok
	[ "$(dpkg-deb --field "$deb" Package)" = plumber ] && ok || bad "$deb: Package"
	dpkg-deb --field "$deb" Depends | grep -q libjansson && ok || bad "$deb: Depends should name libjansson: $(dpkg-deb --field "$deb" Depends)"
	[ "$(dpkg-deb --field "$deb" Version)" = "$(timeout 10 "$PLUMBER" --version | awk '{print $2}')" ] && ok ||
		bad "$deb: Version differs from plumber --version"
	dpkg-deb -x "$deb" "$tmp/deb"
	[[ $(timeout 10 "$tmp/deb/usr/bin/plumber" --version 2>&1) =~ ^plumber\ [0-9] ]] && ok || bad "$deb: the packaged binary does not run"
	for p in plumber plumber-lint plumber-explain plumber-watch; do
		MANWIDTH=80 man --warnings=all -l "$tmp/deb/usr/share/man/man1/$p.1.gz" >"$tmp/out" 2>"$tmp/man.err"
		[ ! -s "$tmp/man.err" ] && grep -q OPTIONS "$tmp/out" && ok || bad "$deb: $p.1.gz does not render: $(head -c 300 "$tmp/man.err")"
	done
else
	bad "make deb made no package"
fi

finish
