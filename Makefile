# voxpop - see README.md.  Everything is found by pattern, so a new stage,
# core module or test needs no edit here:
#   pipeline/vp-NAME.c      -> bin/vp-NAME          (a stage: a thin main)
#   pipeline/core/NAME.c    -> libvoxpop.a          (the shared core)
#   pipeline/core/NAME.cc   -> libvoxpop.a          (C++ shims onto C++-only libraries: CLD2)
#   tests/unit/test_NAME.c  -> Criterion test binary, run by `make check`
#   tests/e2e/NAME.sh       -> end-to-end test on the real binaries
#   tests/tools/NAME.c      -> helper programs for tests (e.g. an HTTP server)
#   bin/vp-NAME             -> man/vp-NAME.1        (`make man`: from its option table)

PREFIX  ?= /usr/local
DATADIR  = $(PREFIX)/share/voxpop
CC      ?= cc
SANITIZE ?= 0

ifeq ($(SANITIZE),1)
BUILD   := build/san
BIN     := build/san/bin
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT      = -O1
else
BUILD   := build/rel
BIN     := bin
SANFLAGS =
OPT      = -O2
endif

PKGS     = jansson libutf8proc libcurl libzip expat xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Iinclude -I$(BUILD) $(PKG_CFLAGS) $(SANFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)
CXXFLAGS ?= $(OPT) -g
CXXFLAGS += -std=c++11 -Wall -Wextra -Werror -Iinclude $(SANFLAGS) -MMD -MP
# libcld2 (language detection, lang.c) has no pkg-config file and is C++.
LDLIBS  += $(PKG_LIBS) -lstemmer -lcld2 -lstdc++ -lm -pthread

CORE_SRC  := $(sort $(wildcard pipeline/core/*.c))
CORE_CXX  := $(sort $(wildcard pipeline/core/*.cc))
CORE_OBJ  := $(CORE_SRC:pipeline/core/%.c=$(BUILD)/core/%.o) \
             $(CORE_CXX:pipeline/core/%.cc=$(BUILD)/core/%.o)
LIB       := $(BUILD)/libvoxpop.a
STAGE_SRC := $(sort $(wildcard pipeline/vp-*.c))
STAGES    := $(STAGE_SRC:pipeline/%.c=$(BIN)/%)
STAGE_OBJ := $(STAGE_SRC:pipeline/%.c=$(BUILD)/stages/%.o)
MANPAGES  := $(STAGE_SRC:pipeline/%.c=man/%.1)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNITS     := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))
TOOLS     := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
E2E       := $(sort $(wildcard tests/e2e/*.sh))
# libFuzzer harnesses, also built with the ordinary compiler and a replay
# main (tests/fuzz/replay.c) so tests/e2e/fuzz-regress.sh can replay
# committed reproducers (tests/fuzz/regress/<harness>/) in `make check`.
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAYS   := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/replay/%)

# Debian packages: what building needs, and what the tests need on top.
BUILD_DEBS = build-essential pkg-config libjansson-dev libutf8proc-dev libstemmer-dev \
             libcurl4-openssl-dev libzip-dev libexpat1-dev libcld2-dev libxlsxwriter-dev
TEST_DEBS  = libcriterion-dev python3 chromium mandoc python3-openpyxl wbritish parallel \
             python3-distributed
# the yardstick make bench and make eval set voxpop beside (TF-IDF + LinearSVC)
YARDSTICK_DEBS = python3 python3-sklearn

# Keep the stage objects (intermediate: only a pattern rule names them) so
# nothing rebuilds needlessly.  Named, not an empty `.SECONDARY:`, which makes
# every target secondary -- FORCE too, and a missing secondary prerequisite
# forces nothing, so datadir.h was never rewritten for a new PREFIX.
.SECONDARY: $(STAGE_OBJ)

.PHONY: all deps deps-test demo check unit e2e bench eval install uninstall clean fuzz fuzz-smoke man FORCE
all: $(STAGES)

# The install location is compiled into the core (paths.c) through a header
# that is rewritten only when PREFIX changes, so `make install PREFIX=/opt`
# after a plain `make` rebuilds what depends on it (tests/e2e/install.sh).
$(BUILD)/datadir.h: FORCE
	@mkdir -p $(@D)
	@echo '#define VP_DATADIR "$(DATADIR)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(BUILD)/core/paths.o: $(BUILD)/datadir.h
FORCE:

$(BUILD)/core/%.o: pipeline/core/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/core/%.o: pipeline/core/%.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -c -o $@ $<

$(LIB): $(CORE_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/stages/%.o: pipeline/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/%: $(BUILD)/stages/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-field-initializers $(LDFLAGS) -o $@ $< $(LIB) -lcriterion $(LDLIBS)

$(BUILD)/replay/replay.o: tests/fuzz/replay.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/replay/%: tests/fuzz/%.c $(BUILD)/replay/replay.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/replay/replay.o $(LIB) $(LDLIBS)

$(BUILD)/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# The man pages are generated from each stage's option table (vp_cli_man in
# pipeline/core/cli.c, `vp-NAME --man-page`) and committed; tests/e2e/man.sh
# fails when a committed page differs from its stage's, or is missing.
man: $(MANPAGES)
man/%.1: $(BIN)/% FORCE
	@mkdir -p $(@D)
	@$< --man-page > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || { mv $@.tmp $@; echo "wrote $@"; }

# Install only what is missing; needs root (or sudo) the first time.
deps:
	@sh tests/install-debs.sh $(BUILD_DEBS)
deps-test:
	@sh tests/install-debs.sh $(BUILD_DEBS) $(TEST_DEBS)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh corpora/demo.sh $(BIN) $(BUILD)/demo

check: deps-test
	@$(MAKE) --no-print-directory all unit e2e

unit: $(UNITS)
	@fail=0; for t in $(UNITS); do \
	  echo "== $$t"; $$t --short-filename || fail=1; done; \
	test $$fail = 0 || { echo "unit tests FAILED"; exit 1; }

e2e: $(STAGES) $(TOOLS) $(REPLAYS)
	@VP_BIN=$(CURDIR)/$(BIN) VP_TOOLS=$(CURDIR)/$(BUILD)/tools VP_ROOT=$(CURDIR) \
	  VP_REPLAY=$(CURDIR)/$(BUILD)/replay \
	  sh tests/run-e2e.sh $(E2E)

bench:
	@sh tests/install-debs.sh $(BUILD_DEBS) $(YARDSTICK_DEBS)
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh $(BIN)

eval:
	@sh tests/install-debs.sh $(BUILD_DEBS) $(YARDSTICK_DEBS)
	@$(MAKE) --no-print-directory all
	@sh tests/eval.sh $(BIN)

install: all $(MANPAGES)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(STAGES) $(DESTDIR)$(PREFIX)/bin/
	cp -R lexicons $(DESTDIR)$(DATADIR)/
	install -m 644 $(MANPAGES) $(DESTDIR)$(PREFIX)/share/man/man1/

uninstall:
	for s in $(STAGES); do n=$$(basename $$s); \
	  rm -f $(DESTDIR)$(PREFIX)/bin/$$n $(DESTDIR)$(PREFIX)/share/man/man1/$$n.1; done
	rm -rf $(DESTDIR)$(DATADIR)

# make fuzz: libFuzzer harnesses tests/fuzz/fuzz_*.c -> build/fuzz/fuzz_* (clang,
# ASan+UBSan; see tests/fuzz/README).  Not part of check.
FUZZ_CC    ?= clang-14
FUZZ_BINS  := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_CXX   ?= clang++-14
FUZZ_OBJ   := $(CORE_SRC:pipeline/core/%.c=build/fuzz/core/%.o) \
              $(CORE_CXX:pipeline/core/%.cc=build/fuzz/core/%.o)
# -MMD -MP: the harnesses' objects follow the headers too (without them a
# changed struct left stale objects, and the harness "found" the mismatch)
FUZZ_FLAGS  = -O1 -g -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -Iinclude -I$(BUILD) $(PKG_CFLAGS) -fno-omit-frame-pointer \
              -fsanitize=address,undefined -fno-sanitize-recover=undefined -MMD -MP
fuzz: $(FUZZ_BINS)

# make fuzz-smoke [FUZZ_SECONDS=30]: build the harnesses and run each for
# FUZZ_SECONDS, seeded from tests/fuzz/corpus/<harness>/ and
# tests/fuzz/regress/<harness>/ when present; skips (exit 0, with a message)
# without $(FUZZ_CC).  A find is left in build/fuzz/crash-<harness>-*.
FUZZ_SECONDS ?= 30
fuzz-smoke:
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	  echo "fuzz-smoke: skipped: $(FUZZ_CC) not found (install clang, or FUZZ_CC=clang)"; \
	  exit 0; fi; \
	$(MAKE) --no-print-directory fuzz && sh tests/fuzz/smoke.sh $(FUZZ_SECONDS) $(FUZZ_BINS)
build/fuzz/core/paths.o: $(BUILD)/datadir.h
build/fuzz/core/%.o: pipeline/core/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/core/%.o: pipeline/core/%.cc
	@mkdir -p $(@D)
	$(FUZZ_CXX) -O1 -g -std=c++11 -Wall -Wextra -Iinclude -fno-omit-frame-pointer -MMD -MP \
	  -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/libvoxpop.a: $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libvoxpop.a
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< build/fuzz/libvoxpop.a \
	  $(PKG_LIBS) -lstemmer -lcld2 -lstdc++ -lm

clean:
	rm -rf build bin

-include $(CORE_OBJ:.o=.d) $(STAGE_SRC:pipeline/%.c=$(BUILD)/stages/%.d) $(UNITS:=.d) $(TOOLS:=.d) \
	$(REPLAYS:=.d) $(BUILD)/replay/replay.d $(FUZZ_OBJ:.o=.d) $(FUZZ_BINS:=.d)
