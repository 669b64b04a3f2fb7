# Makefile: dumplab, its tests, its scenarios, its benchmarks, its install.
#
#   make                 build ./dumplab (release: -O2)
#   make test            unit, system, capture, golden, scenario and conformance tests
#   make scenarios       run every scenario of scenarios/ (the main job)
#   make bench           benchmarks against tcpdump, measured in the same run
#   make install         PREFIX=/usr/local DESTDIR= (and make uninstall)
#   make SAN=1 test      the same tests on an ASan + UBSan build
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

ifeq ($(SAN),1)
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
	test-scenario conformance difftest scenarios bench
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

.PHONY: all deps test test-unit test-system test-capture test-golden \
	conformance difftest test-scenario scenarios bench install uninstall \
	clean FORCE
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
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(PKG_LIBS) $(TEST_LIBS)

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
test: test-unit test-system test-capture test-golden test-scenario conformance difftest

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
		tests/nobody $(BIN) tests/scenario/run scenarios -- \
			tests/scenario/run $(RUNBIN); \
	fi

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

# Every scenario of scenarios/, in parallel (one per core).
scenarios: $(BIN)
	$(RUNBIN) run

bench: $(BIN) $(TOOLS) $(BUILD)/test-unit
	BENCH_TOOLS=$(BUILD)/tools BENCH_UNIT=$(BUILD)/test-unit \
		tests/bench/run $(RUNBIN)

# What install puts, and uninstall removes: the binary, the scenarios, the
# man page, the scenario format and the lab handouts. Paths are quoted
# (spaces, quotes); DESTDIR stages, the binary still looks in DATADIR.
SCENARIOS := $(wildcard scenarios/*.scn)
DOCS := docs/scenario-format.md
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
