# Makefile: dumplab, its tests, its scenarios, its benchmarks, its install.
#
#   make                 build ./dumplab (release: -O2)
#   make test            unit, system, capture, golden, scenario, scale, kill, CI
#                        and conformance tests
#   make scenarios       run every scenario of scenarios/ (the main job)
#   make stress          the catalogue 20 times at -j 24 beside CPU hogs
#   make bench           benchmarks against tcpdump, measured in the same run
#   make install         PREFIX=/usr/local DESTDIR= (and make uninstall)
#   make SAN=1 test      the same tests on an ASan + UBSan build
#   make SAN=thread test-threads   the printing threads under TSan
#   make DEVELOPER=1     warnings are errors, and more of them (CI builds so)
#
# Only the targets that need the machine (deps, test and its parts,
# scenarios, bench) first run scripts/deps, which installs missing Debian
# packages (apt-get, only when something is missing) or, without root,
# prints the command that would. make and make install never do.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/dumplab
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/dumplab
PKG_CONFIG ?= pkg-config
INSTALL ?= install

PKGS := libpcap libnl-3.0 libnl-route-3.0
TEST_PKGS := cunit

ifeq ($(SAN),thread)
BUILD := build/tsan
BIN := $(BUILD)/dumplab
SANFLAGS := -fsanitize=thread
CFLAGS ?= -O1 -g
else ifeq ($(SAN),1)
BUILD := build/san
BIN := $(BUILD)/dumplab
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
CFLAGS ?= -O1 -g
else
BUILD := build/rel
BIN := dumplab
SANFLAGS :=
CFLAGS ?= -O2 -g
endif

# The binary as a command (./dumplab, not a PATH lookup).
RUNBIN = $(if $(findstring /,$(BIN)),$(BIN),./$(BIN))

# The goals that need the machine. When one is asked for, everything built
# waits for scripts/deps (order-only), which makes sure pkg-config and the
# libraries are there; PKG_* are recursive (=) so that pkg-config runs after.
# A target added here (stress, fuzz) gets the same.
DEPS_GOALS := deps test test-unit test-system test-capture test-golden \
	test-scenario test-scale test-kill test-ci test-lab conformance difftest scenarios \
	stress bench fuzz fuzz-smoke fuzz-regress
NEED_DEPS := $(if $(filter $(DEPS_GOALS),$(MAKECMDGOALS)),deps)

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

# A word quoted for the shell's single quotes ('it'\''s').
sq = $(subst ','\'',$(1))

# Warnings are errors only for developers and CI (make DEVELOPER=1), never
# for users' builds: a newer compiler must not break them.
WARN_CFLAGS := -Wall -Wextra
ifeq ($(DEVELOPER),1)
WARN_CFLAGS += -Werror -Wformat=2 -Wmissing-prototypes -Wstrict-prototypes \
	-Wshadow -Wvla
endif

ALL_CFLAGS = -std=gnu11 $(WARN_CFLAGS) -pthread -I. \
	-DDUMPLAB_DATADIR='"$(call sq,$(DATADIR))"' $(PKG_CFLAGS) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = -pthread $(SANFLAGS) $(LDFLAGS)

# $(BUILD)/FLAGS holds the compiler and its flags, and is rewritten only when
# they change (git's GIT-CFLAGS); everything built depends on it, so that
# `make` then `make install PREFIX=/usr` rebuilds with the new DATADIR.
FLAGS_FILE := $(BUILD)/FLAGS

LIB_SRC := $(filter-out harness/main.c,\
	$(wildcard harness/*.c capture/*.c netns/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
SYS_SRC := $(wildcard tests/system/*.c)
SYS_OBJ := $(SYS_SRC:%.c=$(BUILD)/%.o)
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOLS := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)

.PHONY: all deps test test-unit test-system test-capture test-golden test-html test-threads \
	conformance difftest test-scenario test-scale test-kill test-ci test-lab scenarios \
	stress bench install uninstall clean FORCE
.DEFAULT_GOAL := all

all: $(BIN)

deps:
	@scripts/deps

$(FLAGS_FILE): FORCE | $(NEED_DEPS)
	@mkdir -p $(@D)
	@flags='$(call sq,$(CC) $(ALL_CFLAGS) : $(ALL_LDFLAGS))'; \
	if [ "$$flags" != "$$(cat $@ 2>/dev/null)" ]; then \
		[ ! -e $@ ] || echo "    * new build flags"; \
		printf '%s\n' "$$flags" >$@; \
	fi

$(BUILD)/%.o: %.c $(FLAGS_FILE) | $(NEED_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c $(FLAGS_FILE) | $(NEED_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests -MMD -MP -c -o $@ $<

$(BIN): $(BUILD)/harness/main.o $(LIB_OBJ) $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(PKG_LIBS)

$(BUILD)/test-unit: $(UNIT_OBJ) $(LIB_OBJ) $(FLAGS_FILE)
	$(CC) $(ALL_LDFLAGS) $(UNIT_WRAP) -o $@ $(filter %.o,$^) $(PKG_LIBS) $(TEST_LIBS)

# Unit tests fail allocations on demand (tests/unit/tu-alloc.h).
UNIT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

$(BUILD)/test-system: $(BUILD)/tests/unit/main.o $(SYS_OBJ) $(LIB_OBJ) \
		$(FLAGS_FILE)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(PKG_LIBS) $(TEST_LIBS)

$(BUILD)/tools/%: $(BUILD)/tests/tools/%.o $(LIB_OBJ) $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(PKG_LIBS)

# Unit tests need nothing of the machine; system tests build hosts (as root,
# and again as an unprivileged user through dumplab's own user namespace).
# The passes as nobody run copies of what they need (tests/nobody), so they
# never depend on nobody traversing the checkout's parents (/root is 0700).
test: test-unit test-system test-capture test-golden test-scenario test-scale \
	test-kill test-ci test-lab test-html conformance difftest test-threads

test-unit: $(BUILD)/test-unit
	$(BUILD)/test-unit

test-system: $(BUILD)/test-system $(BIN) $(TOOLS)
	tests/system/run $(BUILD)/test-system $(BIN)

# dumplab capture end to end, on the loopback of a namespace of its own.
test-capture: $(BIN) $(TOOLS)
	tests/capture/run $(RUNBIN) $(BUILD)/tools

test-golden: $(BIN)
	tests/golden/run $(RUNBIN)

# A real run judged: a scenario passes, and fails once an expectation is
# changed (as root and, when root, once more as nobody).
test-scenario: $(BIN)
	tests/scenario/run $(RUNBIN)
	@if [ "$$(id -u)" -eq 0 ]; then \
		echo "== scenario tests as nobody (rootless)"; \
		tests/nobody $(BIN) tests/scenario/run scenarios docs -- \
			tests/scenario/run $(RUNBIN); \
	fi

# What CI's tools make of a run: prove and tap-parser read its TAP, xmllint
# (junit.xsd, junit-10.xsd) and junitparser its JUnit; shards, merge, -q,
# --out, a hanging recv, bad input; docs/ci.md's pipelines run locally.
test-ci: $(BIN)
	tests/ci/run $(RUNBIN)
	tests/ci/pipelines $(RUNBIN)

# The HTML report and SVG ladders in headless chromium: the DOM's verdicts,
# arrows and labels against dumplab read and ladder, screenshots checked as
# images, xmllint, escapes, bad input, 100,000 packets (the browser checks
# skip, saying so, without chromium).
test-html: $(BIN) $(BUILD)/tools/gen-tcp-convs
	tests/html/run $(RUNBIN) $(BUILD)/tools/gen-tcp-convs

# 5,000 scenarios (one file named 5,000 times) in 256 fds.
test-scale: $(BIN)
	tests/scale/run $(RUNBIN)

# SIGKILL at random moments of `dumplab run -j 2` leaves the machine and
# TMPDIR exactly as before (KILL_SEED=S repeats a run's delays).
test-kill: $(BIN) $(BUILD)/tools/kill-run
	tests/kill/run $(RUNBIN) $(BUILD)/tools

# dumplab lab by hand: the seed's §3.2 typed into the hosts with the real
# tcpdump and ncat, judged by lab check; its bad inputs; SIGKILL of the
# holder ends everything (as root and as nobody). Then the tmux form,
# driven with send-keys (skipped, saying so, without tmux). Then every
# handout's "Do it yourself" section, done as written (docs/lab.md).
test-lab: $(BIN)
	tests/lab/run $(RUNBIN)
	tests/lab/tmux $(RUNBIN)
	tests/lab/handouts $(RUNBIN)

# dumplab read on 2 and 5 threads against one thread: every capture of the
# project, 100,000 interleaved conversations and the 1,000,000 packets of
# the benchmark (recorded once, as root), under every option set.
test-threads: $(BIN) $(TOOLS) $(BUILD)/test-unit
	tests/threads/run $(RUNBIN) $(BUILD)/tools $(BUILD)/test-unit

# dumplab read against the real tcpdump on the project's captures.
difftest: $(BIN) $(BUILD)/test-unit
	tests/diff/run $(RUNBIN) $(BUILD)/test-unit

# tcpdump's own captures and text, kept beside the project when present.
conformance: $(BIN)
	@if [ -x ../shared/conformance/run ]; then \
		../shared/conformance/run $(RUNBIN) read; \
	else \
		echo "conformance: skipped: ../shared/conformance is not here"; \
	fi
	tests/tcpdump/run $(RUNBIN)

# Every scenario of scenarios/, in parallel (4 per core: they mostly wait).
scenarios: $(BIN)
	$(RUNBIN) run

# The catalogue STRESS_RUNS times (default 20) at -j 24 beside two CPU hogs:
# no verdict may depend on scheduling.
stress: $(BIN)
	tests/stress/run $(RUNBIN)

bench: $(BIN) $(TOOLS) $(BUILD)/test-unit
	BENCH_TOOLS=$(BUILD)/tools BENCH_UNIT=$(BUILD)/test-unit \
		tests/bench/run $(RUNBIN)

# What install puts, and uninstall removes: the binary, the scenarios, the
# man page, the scenario format and the lab handouts. Paths are quoted
# (spaces, quotes); DESTDIR stages, the binary still looks in DATADIR.
SCENARIOS := $(wildcard scenarios/*.scn)
DOCS := docs/scenario-format.md docs/regression.md docs/ci.md
LAB_DOCS := $(wildcard docs/labs/*.md)
D_BIN = '$(call sq,$(DESTDIR)$(BINDIR))'
D_DATA = '$(call sq,$(DESTDIR)$(DATADIR))'
D_MAN1 = '$(call sq,$(DESTDIR)$(MANDIR)/man1)'
D_DOC = '$(call sq,$(DESTDIR)$(DOCDIR))'

install: $(BIN)
	$(INSTALL) -d $(D_BIN) $(D_DATA)/scenarios $(D_MAN1) $(D_DOC)/labs
	$(INSTALL) -m 0755 $(BIN) $(D_BIN)/dumplab
	$(INSTALL) -m 0644 $(SCENARIOS) $(D_DATA)/scenarios/
	$(INSTALL) -m 0644 docs/dumplab.1 $(D_MAN1)/dumplab.1
	$(INSTALL) -m 0644 $(DOCS) $(D_DOC)/
	$(INSTALL) -m 0644 $(LAB_DOCS) $(D_DOC)/labs/

# The directories that are dumplab's own go once empty; bin and man1 stay.
uninstall:
	rm -f $(D_BIN)/dumplab $(D_MAN1)/dumplab.1
	rm -f $(patsubst scenarios/%,$(D_DATA)/scenarios/%,$(SCENARIOS))
	rm -f $(patsubst docs/%,$(D_DOC)/%,$(DOCS) $(LAB_DOCS))
	for d in $(D_DATA)/scenarios $(D_DATA) $(D_DOC)/labs $(D_DOC); do \
		if [ -d "$$d" ]; then rmdir "$$d" 2>/dev/null || :; fi; \
	done

clean:
	rm -rf build dumplab

-include $(shell find build -name '*.d' 2>/dev/null)

# ---- fuzzing (tests/fuzz/) ----------------------------------------------
# make fuzz         clang + libFuzzer + ASan/UBSan: build/fuzz/fuzz-print
#                   (the printer) and build/fuzz/fuzz-scn (parser + checker)
# make fuzz-smoke   each for FUZZ_TIME seconds (60) from the seed corpora;
#                   fails on any finding (kept in build/fuzz/findings/)
# make fuzz-regress the regression corpora and seeds through both targets
#                   with this build's compiler (part of make test)
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_BUILD := build/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -std=gnu11 -g -O1 -pthread -I. -Itests \
	-DDUMPLAB_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) $(FUZZ_SAN)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_TARGETS := $(FUZZ_BUILD)/fuzz-print $(FUZZ_BUILD)/fuzz-scn $(FUZZ_BUILD)/fuzz-zone

.PHONY: fuzz fuzz-smoke fuzz-regress

fuzz: $(FUZZ_TARGETS) $(FUZZ_BUILD)/fuzz-seed

$(FUZZ_BUILD)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz-print: $(FUZZ_BUILD)/tests/fuzz/fuzz-print.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -pthread -o $@ $^ $(PKG_LIBS)

$(FUZZ_BUILD)/fuzz-scn: $(FUZZ_BUILD)/tests/fuzz/fuzz-scn.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -pthread -o $@ $^ $(PKG_LIBS)

$(FUZZ_BUILD)/fuzz-zone: $(FUZZ_BUILD)/tests/fuzz/fuzz-zone.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -pthread -o $@ $^ $(PKG_LIBS)

$(FUZZ_BUILD)/fuzz-seed: tests/fuzz/fuzz-seed.c tests/fuzz/fuzz-print.h | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=gnu11 -O1 -g -Itests -o $@ $< $(PKG_CFLAGS) $(PKG_LIBS)

fuzz-smoke: fuzz $(BUILD)/test-unit
	tests/fuzz/run $(FUZZ_BUILD) $(BUILD)/test-unit $(FUZZ_TIME)

$(BUILD)/fuzz-print-run: $(BUILD)/tests/fuzz/fuzz-print.o \
		$(BUILD)/tests/fuzz/fuzz-main.o $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/fuzz-scn-run: $(BUILD)/tests/fuzz/fuzz-scn.o \
		$(BUILD)/tests/fuzz/fuzz-main.o $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/fuzz-zone-run: $(BUILD)/tests/fuzz/fuzz-zone.o \
		$(BUILD)/tests/fuzz/fuzz-main.o $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz-regress: $(BUILD)/fuzz-print-run $(BUILD)/fuzz-scn-run $(BUILD)/fuzz-zone-run
	$(BUILD)/fuzz-print-run tests/fuzz/regress/print
	$(BUILD)/fuzz-scn-run tests/fuzz/regress/scn scenarios tests/unit/scn-bad
	$(BUILD)/fuzz-zone-run tests/fuzz/regress/zone

test: fuzz-regress

# tests/diff/run's 100,000 TCP conversations
difftest: $(BUILD)/tools/gen-tcp-convs
