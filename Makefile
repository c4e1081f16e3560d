# folio - build, test, install.
#
#   make            build/folio
#   make example    build folio and run it on the example centre
#   make test       every test; ends with "N passed, N failed"
#   make bench      benchmarks (print figures, never fail on time)
#   make deps       install the Debian packages folio needs, if missing
#                   (make only checks for them; test, example and bench
#                   run deps first)
#   make install    PREFIX=/usr/local DESTDIR= ; installs the man pages too
#
# Sources are found by wildcard: a new .c in a stage folder of src/ (see
# docs/design.md) joins the library, a new tests/unit/test_*.c becomes a
# test program, with no edit here.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man

CC       ?= cc
CFLAGS   ?= -O2 -g
STD       = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
# The sanitized build (the unit tests, and the folio the command-line
# tests run) is clang's: its UBSan reports what GCC's lets by, such as an
# offset, even zero, from a NULL pointer (caseload.c had one, which only
# the fuzzer saw).  make test installs clang (TEST_DEBS).
SAN_CC   ?= clang
PKGS      = libcmark yaml-0.1 jansson nettle hogweed libmicrohttpd
# build-essential: a bare Debian image has make (to run this) but no C compiler.
DEBS      = build-essential libcmark-dev libcsv-dev libyaml-dev libjansson-dev \
            nettle-dev libmicrohttpd-dev pkg-config git
# What the tests use beside them: the SARIF schema's validator and an XML
# parser for `check --format sarif|junit` (tests/cli/check-sarif-junit),
# and clang for the sanitized build (SAN_CC).
TEST_DEBS = python3 python3-jsonschema libxml2-utils clang

# Expanded when a recipe runs, that is after `deps` has installed pkg-config.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm
ALL_CFLAGS = $(STD) $(WARN) -Isrc -DFOLIO_VERSION='"$(VERSION)"' \
             $(PKG_CFLAGS) -MMD -MP

LIB_SRC   = $(sort $(wildcard src/*/*.c src/*/*/*.c))
CMD_SRC   = $(sort $(wildcard cmd/*.c))
TEST_SRC  = $(sort $(wildcard tests/unit/test_*.c))

THEME     = $(sort $(shell find templates -type f \( -name '*.mustache' -o -name '*.css' \)))
GEN_SRC   = build/gen/theme.c

LIB_OBJ   = $(LIB_SRC:%.c=build/obj/%.o) build/obj/$(GEN_SRC:.c=.o)
CMD_OBJ   = $(CMD_SRC:%.c=build/obj/%.o)
ASAN_LIB  = $(LIB_SRC:%.c=build/asan/%.o) build/asan/$(GEN_SRC:.c=.o)
ASAN_CMD  = $(CMD_SRC:%.c=build/asan/%.o)
TESTS     = $(TEST_SRC:tests/unit/%.c=build/asan/tests/%)

.PHONY: all deps example test test-programs bench fuzz install uninstall clean print-flags print-libs print-objs

# Test objects are intermediate files; keep them between runs.
.SECONDARY:

# The file formats' manual pages, made from docs/ (tools/mdman.c).
MAN_PAGES = build/man/folio-units.5 build/man/folio-centre.5

all: build/folio $(MAN_PAGES)

build/tools/mdman: tools/mdman.c build/obj/src/base/buf.o build/obj/src/base/mem.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CFLAGS) $(filter %.c %.o,$^) -o $@ $(PKG_LIBS)

build/man/folio-units.5: docs/units.md build/tools/mdman
	@mkdir -p $(dir $@)
	build/tools/mdman folio-units 5 "the unit specification format" < $< > $@.tmp && mv $@.tmp $@

build/man/folio-centre.5: docs/centre.md build/tools/mdman
	@mkdir -p $(dir $@)
	build/tools/mdman folio-centre 5 "a centre's files: folio.yml, the qualifications and the CSV files" < $< > $@.tmp && mv $@.tmp $@

# The Debian packages of DEBS not installed, for the two rules below.
MISSING_DEBS = missing=; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; \
	done

# The build only checks: installing packages is for `make deps` (which
# `make test`, `make example` and `make bench` run first), never a side
# effect of `make`.
build/.deps-ok:
	@$(MISSING_DEBS); \
	if [ -n "$$missing" ]; then \
	  echo "make: missing Debian packages:$$missing" >&2; \
	  echo "make: run 'make deps' to install them (as root, or with sudo)" >&2; \
	  exit 1; \
	fi
	@mkdir -p build && touch $@

deps:
	@$(MISSING_DEBS); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

# The default theme, compiled in: see templates/embed.sh.
$(GEN_SRC): $(THEME) templates/embed.sh
	@mkdir -p $(dir $@)
	sh templates/embed.sh $(THEME) > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c | build/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CFLAGS) -c $< -o $@

build/asan/%.o: %.c | build/.deps-ok
	@mkdir -p $(dir $@)
	$(SAN_CC) $(ALL_CFLAGS) -O1 -g $(SAN) -c $< -o $@

build/folio: $(CMD_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) $^ -o $@ $(PKG_LIBS)

build/asan/folio: $(ASAN_CMD) $(ASAN_LIB)
	$(SAN_CC) -g $(SAN) $^ -o $@ $(PKG_LIBS)

build/asan/tests/%: build/asan/tests/unit/%.o $(ASAN_LIB)
	@mkdir -p $(dir $@)
	$(SAN_CC) -g $(SAN) $^ -o $@ $(PKG_LIBS)

EXAMPLE = examples/northgate
APPRENTICES = examples/apprentices
# The example shows a sign-off that a later edit invalidated, an error in
# its inputs on purpose: its commands exit 1, which is not a failure here
# (2, a usage or I/O error, is).
ERRORS_OK = || [ $$? -eq 1 ]

example:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory build/folio
	@mkdir -p build/example
	build/folio check -C $(EXAMPLE) $(ERRORS_OK)
	build/folio export -C $(EXAMPLE) > build/example/model.json 2>/dev/null $(ERRORS_OK)
	build/folio build -C $(EXAMPLE) --out $(CURDIR)/build/example-site --format html,md 2>/dev/null $(ERRORS_OK)
	build/folio sample -C $(EXAMPLE) > build/example/sample.md 2>/dev/null $(ERRORS_OK)
	build/folio claims -C $(EXAMPLE) 2>/dev/null $(ERRORS_OK)
	build/folio pack -C $(EXAMPLE) --out $(CURDIR)/build/example-pack 2>/dev/null $(ERRORS_OK)
	cd build/example-pack && sha256sum -c --quiet SHA256SUMS
	build/folio import standard examples/standards/st9999-made-up.json > build/example/st9999.md
	build/folio check -C $(APPRENTICES)
	build/folio caseload -C $(APPRENTICES) > build/example/caseload.md 2>/dev/null
	build/folio build -C $(APPRENTICES) --out $(CURDIR)/build/apprentices-site --format html,md 2>/dev/null
	@echo "model:  build/example/model.json"
	@echo "plan:   build/example/sample.md"
	@echo "site:   $(CURDIR)/build/example-site/index.html"
	@echo "pack:   $(CURDIR)/build/example-pack/index.html"
	@echo "unit:   build/example/st9999.md (imported from a made-up apprenticeship standard)"
	@echo "apprentices: $(CURDIR)/build/apprentices-site/index.html, caseload build/example/caseload.md"

# For scripts that link their own programs against the library objects
# (tests/bench/mustache.sh), so that they never lag behind PKGS.
print-flags: | build/.deps-ok
	@echo $(PKG_CFLAGS)
print-libs: | build/.deps-ok
	@echo $(PKG_LIBS)
print-objs:
	@echo $(LIB_OBJ)

# deps first, in a make of its own: the build's check then finds them.
test:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory deps DEBS="$(TEST_DEBS)"
	@$(MAKE) --no-print-directory test-programs
	@sh tests/run.sh

test-programs: build/folio build/asan/folio $(TESTS) $(MAN_PAGES)

# ---- valgrind: the unit tests without sanitizers, for memcheck ----------
# tests/run.sh runs these, and build/folio, under valgrind's memcheck.
VG_TESTS  = $(TEST_SRC:tests/unit/%.c=build/valgrind/tests/%)

build/valgrind/%.o: %.c | build/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 -g -c $< -o $@

build/valgrind/tests/%: build/valgrind/tests/unit/%.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -g $^ -o $@ $(PKG_LIBS)

test-programs: $(VG_TESTS)
# ---- end valgrind --------------------------------------------------------

bench:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory build/folio
	@sh tests/bench/run.sh

# ---- fuzz: libFuzzer targets (tests/fuzz/README.md) -------------------
# make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="unit qualification standard config csv csv_diff mustache centre record"]:
# each target runs on a copy of its seed corpus; fails if one crashes.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= unit qualification standard config csv csv_diff mustache centre record
FUZZ_SAN      = -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_LIB      = $(LIB_SRC:%.c=build/fuzz/%.o) build/fuzz/$(GEN_SRC:.c=.o)
FUZZ_BINS     = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

build/fuzz/%.o: %.c | build/.deps-ok
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) -g -O1 $(FUZZ_SAN) -c $< -o $@

build/fuzz/fuzz_%: build/fuzz/tests/fuzz/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) -g -fsanitize=fuzzer,address,undefined \
	  $^ -o $@ $(PKG_LIBS)

fuzz: $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
# ---- end fuzz ------------------------------------------------------------

install: build/folio $(MAN_PAGES)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 build/folio $(DESTDIR)$(BINDIR)/folio
	install -m 644 cmd/folio.1 $(DESTDIR)$(MANDIR)/man1/folio.1
	install -m 644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man5/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/folio $(DESTDIR)$(MANDIR)/man1/folio.1 \
	  $(DESTDIR)$(MANDIR)/man5/folio-units.5 $(DESTDIR)$(MANDIR)/man5/folio-centre.5

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
