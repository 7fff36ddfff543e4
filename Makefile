# plumber - one Makefile.
#
#   make            build build/plumber and its manual pages, build/man/*.1
#   make install    install them under PREFIX (/usr/local), in DESTDIR if set;
#                   make uninstall removes them
#   make deb        a Debian package of them, build/plumber_VERSION_ARCH.deb
#   make check      unit tests, golden tests, CLI tests; then all again
#                   under ASan+UBSan (build/asan/plumber)
#   make bench      plumber lint vs gofmt -l on the Go standard library
#   bench/goparse-identity.sh  our Go parser's ast vs tree-sitter's, on real code
#   make deps       npm ci --ignore-scripts (the pinned tree-sitter sources;
#                   scripts/setup.sh --test adds the test tools)
#   make clean
#
# With gcc the parser is built with a profile of our own test sources
# (PGO, below); PGO=0 builds it without.

CC ?= cc
WARN = -Wall -Wextra -Wshadow -Wpedantic -Wstrict-prototypes \
       -Wmissing-prototypes -Wvla -Wwrite-strings -Werror
OPT ?= -O2 -g
# $(TS_DIR)/src: tree-sitter's internal headers, for ast.c's walk of the
# subtrees (the pinned version's; no other file includes them).
CFLAGS_ALL = -std=c11 $(OPT) $(WARN) -pthread -Isrc -I$(TS_DIR)/include -I$(TS_DIR)/src \
             $(EXTRA_CFLAGS)
# libcurl is opened when first used (src/base/libcurl.h): not linked
LDLIBS = -pthread -ljansson -lyaml -lm -ldl

TS_DIR = node_modules/tree-sitter/vendor/tree-sitter/lib
TSGO_DIR = node_modules/tree-sitter-go/src
# The dependencies are not our code: they get their own, quieter flags.
DEP_CFLAGS = -std=c11 -O2 -g -w -D_DEFAULT_SOURCE -I$(TS_DIR)/include -I$(TS_DIR)/src

SRCS := $(sort $(shell find src -name '*.c'))
OBJS := $(SRCS:%.c=build/obj/%.o)
ASAN_OBJS := $(SRCS:%.c=build/asan/obj/%.o)
DEP_OBJS = build/dep/ts_lib.o build/dep/ts_go.o
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# The release, and the commit built (checked on every make; see build/commit).
VERSION = 0.1.0
COMMIT := $(shell test -e .git && GIT_OPTIONAL_LOCKS=0 git rev-parse --short HEAD 2>/dev/null || echo unknown)$(shell \
	test -e .git && test -n "$$(GIT_OPTIONAL_LOCKS=0 git status --porcelain --untracked-files=no 2>/dev/null)" && echo -dirty)

UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
# unit tests link every object but main.o
LIB_OBJS = $(filter-out build/obj/src/main.o,$(OBJS))
ASAN_LIB_OBJS = $(filter-out build/asan/obj/src/main.o,$(ASAN_OBJS))

all: build/plumber man

# One stamp, one target: `npm ci` runs once even under -j (scripts/setup.sh
# writes the same stamp).
NPM_STAMP = node_modules/.plumber-lock
deps: $(NPM_STAMP)
$(NPM_STAMP): package-lock.json
	@# by content, not age: a fresh checkout's lock file is newer but the same
	@# the devDependencies are for the tests: scripts/setup.sh --test
	cmp -s package-lock.json $@ || npm ci --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error
	cp package-lock.json $@

# Profile-guided optimisation of the parser (tree-sitter is 70-85% of a
# cold lint run; its branches laid out by a profile run 15% faster on a
# large repository): an instrumented build lints our own Go sources (the
# golden cases and examples), then the parser is compiled again with that
# profile. gcc only (clang's profiles work differently); PGO=0 turns it off.
# Our objects are order-only here, so a change to them does not retrain.
PGO ?= $(shell $(CC) --version 2>/dev/null | grep -q 'Free Software Foundation' && echo 1 || echo 0)
PGO_TRAIN = tests examples
# Link-time optimisation of the release binary (gcc; LTO=0 turns it off):
# ast_build makes a dozen calls into tree-sitter's API per node, which
# only the link can inline (7% less CPU on the standard library). Objects
# are fat, so the unit tests and the instrumented build link them as usual.
LTO ?= $(PGO)
ifeq ($(LTO),1)
LTO_CFLAGS = -flto=auto -ffat-lto-objects
LTO_LDFLAGS = -flto=auto
endif
ifeq ($(PGO),1)
build/pgo/ts_lib.o: $(NPM_STAMP)
	@mkdir -p $(@D)
	$(CC) $(DEP_CFLAGS) $(LTO_CFLAGS) -fprofile-generate -fprofile-update=atomic -c $(TS_DIR)/src/lib.c -o $@
build/pgo/ts_go.o: $(NPM_STAMP)
	@mkdir -p $(@D)
	$(CC) $(DEP_CFLAGS) $(LTO_CFLAGS) -fprofile-generate -fprofile-update=atomic -I$(TSGO_DIR) -c $(TSGO_DIR)/parser.c -o $@
build/pgo/plumber: build/pgo/ts_lib.o build/pgo/ts_go.o | $(OBJS)
	$(CC) $(OPT) -fprofile-generate -o $@ $(OBJS) $^ $(LDLIBS)
build/pgo/profile: build/pgo/plumber $(shell find $(PGO_TRAIN) -name '*.go' 2>/dev/null)
	rm -f build/pgo/*.gcda
	build/pgo/plumber lint --no-cache --no-config --no-progress --tests -j1 $(PGO_TRAIN) >/dev/null 2>&1; test $$? -le 1
	touch $@
# the profile is read under the instrumented object's name (-dumpdir,
# -dumpbase): gcc keys static functions' profiles by it, and nearly all of
# the parser's hot code is static
PGO_USE = -fprofile-use -fprofile-partial-training -dumpdir build/pgo/
build/dep/ts_lib.o: build/pgo/profile
	@mkdir -p $(@D)
	$(CC) $(DEP_CFLAGS) $(LTO_CFLAGS) $(PGO_USE) -dumpbase ts_lib -c $(TS_DIR)/src/lib.c -o $@
build/dep/ts_go.o: build/pgo/profile
	@mkdir -p $(@D)
	$(CC) $(DEP_CFLAGS) $(LTO_CFLAGS) $(PGO_USE) -dumpbase ts_go -I$(TSGO_DIR) -c $(TSGO_DIR)/parser.c -o $@
else
build/dep/ts_lib.o: $(NPM_STAMP)
	@mkdir -p $(@D)
	$(CC) $(DEP_CFLAGS) $(LTO_CFLAGS) -c $(TS_DIR)/src/lib.c -o $@
build/dep/ts_go.o: $(NPM_STAMP)
	@mkdir -p $(@D)
	$(CC) $(DEP_CFLAGS) $(LTO_CFLAGS) -I$(TSGO_DIR) -c $(TSGO_DIR)/parser.c -o $@
endif

build/obj/%.o: %.c $(NPM_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(LTO_CFLAGS) -MMD -MP -c $< -o $@
build/asan/obj/%.o: %.c $(NPM_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -MMD -MP -c $< -o $@

# version.o alone carries the commit, and is compiled again only when the
# commit changes: build/commit is rewritten only then, so a new commit
# relinks the binary without recompiling the rest.
build/commit: FORCE
	@mkdir -p $(@D)
	@echo '$(COMMIT)' | cmp -s - $@ || echo '$(COMMIT)' >$@
VERSION_OBJS = build/obj/src/version.o build/asan/obj/src/version.o
$(VERSION_OBJS): build/commit
$(VERSION_OBJS): CFLAGS_ALL += -DPLUMBER_VERSION='"$(VERSION)"' -DPLUMBER_COMMIT='"$(COMMIT)"'

build/plumber: $(OBJS) $(DEP_OBJS)
	$(CC) $(OPT) $(LTO_LDFLAGS) -o $@ $^ $(LDLIBS)
build/asan/plumber: $(ASAN_OBJS) $(DEP_OBJS)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

build/unit: $(UNIT_SRCS) $(LIB_OBJS) $(DEP_OBJS)
	$(CC) $(CFLAGS_ALL) -o $@ $(UNIT_SRCS) $(LIB_OBJS) $(DEP_OBJS) $(LDLIBS)
build/asan/unit: $(UNIT_SRCS) $(ASAN_LIB_OBJS) $(DEP_OBJS)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -o $@ $(UNIT_SRCS) $(ASAN_LIB_OBJS) $(DEP_OBJS) $(LDLIBS)

# The manual pages, written by the binary from the option tables that make
# its --help (src/base/manpage.h), so that they cannot drift apart.
MAN_PAGES = $(addprefix build/man/,plumber.1 plumber-lint.1 plumber-explain.1 plumber-watch.1)
man: $(MAN_PAGES)
build/man/plumber.1: build/plumber
	@mkdir -p $(@D)
	build/plumber --help-man >$@.tmp && mv $@.tmp $@
build/man/plumber-%.1: build/plumber
	@mkdir -p $(@D)
	build/plumber $* --help-man >$@.tmp && mv $@.tmp $@

PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
install: build/plumber $(MAN_PAGES)
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1'
	install -m 755 build/plumber '$(DESTDIR)$(BINDIR)/plumber'
	install -m 644 $(MAN_PAGES) '$(DESTDIR)$(MANDIR)/man1/'
uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/plumber' $(patsubst build/man/%,'$(DESTDIR)$(MANDIR)/man1/%',$(MAN_PAGES))

# A Debian package, made with Debian's own tools: the install above staged
# under /usr, the libraries it needs found by dpkg-shlibdeps, the archive
# written by dpkg-deb. DEB_MAINTAINER for the control file.
DEB_MAINTAINER ?= plumber maintainers <plumber@localhost>
DEB_ARCH = $(shell dpkg --print-architecture)
DEB = build/plumber_$(VERSION)_$(DEB_ARCH).deb
DEB_ROOT = build/deb/debian/plumber
deb: build/plumber $(MAN_PAGES)
	rm -rf build/deb
	$(MAKE) --no-print-directory install DESTDIR=$(DEB_ROOT) PREFIX=/usr
	strip --strip-unneeded --remove-section=.comment --remove-section=.note $(DEB_ROOT)/usr/bin/plumber
	gzip -9n $(DEB_ROOT)/usr/share/man/man1/*.1
	mkdir -p $(DEB_ROOT)/DEBIAN
	printf 'Source: plumber\n\nPackage: plumber\nArchitecture: any\n' >build/deb/debian/control
	cd build/deb && dpkg-shlibdeps -O debian/plumber/usr/bin/plumber >shlibs
	{ echo 'Package: plumber'; echo 'Version: $(VERSION)'; \
	  echo 'Architecture: $(DEB_ARCH)'; echo 'Maintainer: $(DEB_MAINTAINER)'; \
	  echo "Installed-Size: $$(du -sk $(DEB_ROOT)/usr | cut -f1)"; \
	  sed -n 's/^shlibs:Depends=\(.*\)/Depends: \1, libcurl4/p' build/deb/shlibs; \
	  echo 'Section: devel'; echo 'Priority: optional'; \
	  echo 'Description: find and explain HTTP resource leaks in Go services'; \
	  echo ' plumber lint finds unclosed response bodies, defers in loops and other'; \
	  echo ' HTTP resource leaks in Go source, without a Go toolchain; plumber explain'; \
	  echo ' names the leak a goroutine dump shows; plumber watch watches a live'; \
	  echo ' process and says whether, what and how fast it leaks.'; \
	} >$(DEB_ROOT)/DEBIAN/control
	dpkg-deb --root-owner-group --build $(DEB_ROOT) $(DEB)

# Every tests/check-*.sh gets the binary to test in $PLUMBER.
check: build/plumber build/unit build/asan/plumber build/asan/unit
	@tests/run-all build/plumber build/unit
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  tests/run-all build/asan/plumber build/asan/unit --sanitized

# Run plumber on the bundled examples: lint the leaky Go packages, explain a
# goroutine dump of a real leak (exit 1 = leaks found, which is the point).
examples: build/plumber
	build/plumber lint examples/ ; test $$? -le 1
	@echo
	build/plumber explain examples/dumps/unclosed-body.txt ; test $$? -le 1

update-golden: build/plumber
	tests/check-lint-golden.sh --update

# Our Go parser against tree-sitter on real code (bench/goparse-identity.sh).
build/goparse-identity: bench/goparse_identity.c $(LIB_OBJS) $(DEP_OBJS)
	$(CC) $(CFLAGS_ALL) -o $@ bench/goparse_identity.c $(LIB_OBJS) $(DEP_OBJS) $(LDLIBS)

bench: build/plumber
	bench/lint-vs-gofmt.sh

# The compile flags, for tests/check-clang-warnings.sh.
print-cflags:
	@echo $(CFLAGS_ALL)

clean:
	rm -rf build

.PHONY: all deps check bench clean update-golden examples print-cflags FORCE man install uninstall deb
-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)

# Fuzz the goroutine dump parser for FUZZ_SECONDS (libFuzzer, clang).
fuzz-dump:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} tests/check-explain-fuzz.sh
.PHONY: fuzz-dump
