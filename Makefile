# Makefile: dumplab, its tests, its scenarios, its benchmarks, its install.
#
#   make                 build ./dumplab (release: -O2)
#   make test            unit, system, capture, golden, scenario and conformance tests
#   make scenarios       run every scenario of scenarios/ (the main job)
#   make bench           benchmarks against tcpdump, measured in the same run
#   make install         PREFIX=/usr/local DESTDIR=
#   make SAN=1 test      the same tests on an ASan + UBSan build
#
# Every target but install first runs scripts/deps, which installs missing
# Debian packages (apt-get, only when something is missing) or, without root,
# prints the command that would.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/dumplab
MANDIR ?= $(PREFIX)/share/man
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

# Recursive (=) so pkg-config runs only once scripts/deps has made sure it
# and the libraries are there.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

ALL_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -pthread -I. \
	-DDUMPLAB_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = -pthread $(SANFLAGS) $(LDFLAGS)

LIB_SRC := $(filter-out harness/main.c,\
	$(wildcard harness/*.c capture/*.c netns/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
SYS_SRC := $(wildcard tests/system/*.c)
SYS_OBJ := $(SYS_SRC:%.c=$(BUILD)/%.o)
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOLS := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)

.PHONY: all deps test test-unit test-system test-golden conformance difftest \
	test-scenario scenarios bench install clean
.DEFAULT_GOAL := all

all: $(BIN)

deps:
	@scripts/deps

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests -MMD -MP -c -o $@ $<

$(BIN): $(BUILD)/harness/main.o $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/test-unit: $(UNIT_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) $(UNIT_WRAP) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

# Unit tests fail allocations on demand (tests/unit/tu-alloc.h).
UNIT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

$(BUILD)/test-system: $(BUILD)/tests/unit/main.o $(SYS_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

$(BUILD)/tools/%: $(BUILD)/tests/tools/%.o $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Unit tests need nothing of the machine; system tests build hosts (as root,
# and again as an unprivileged user through dumplab's own user namespace).
test: test-unit test-system test-capture test-golden test-scenario conformance difftest

test-unit: $(BUILD)/test-unit
	$(BUILD)/test-unit

test-system: $(BUILD)/test-system $(BIN) $(TOOLS)
	tests/system/run $(BUILD)/test-system

# dumplab capture end to end, on the loopback of a namespace of its own.
test-capture: $(BIN) $(TOOLS)
	tests/capture/run $(RUNBIN) $(BUILD)/tools

test-golden: $(BIN)
	tests/golden/run $(RUNBIN)

# A real run judged: a scenario passes, and fails once an expectation is
# changed (as root and, when root, once more as nobody).
test-scenario: $(BIN)
	tests/scenario/run $(RUNBIN)
	@if [ "$$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then \
		t=$$(mktemp -d); chmod 0777 $$t; \
		TMPDIR=$$t HOME=$$t setpriv --reuid=nobody --regid=nogroup \
			--clear-groups tests/scenario/run $(RUNBIN); r=$$?; \
		rm -rf $$t; exit $$r; \
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

# Every scenario of scenarios/, in parallel (one per core).
scenarios: $(BIN)
	$(RUNBIN) run

bench: $(BIN) $(TOOLS) $(BUILD)/test-unit
	BENCH_TOOLS=$(BUILD)/tools BENCH_UNIT=$(BUILD)/test-unit \
		tests/bench/run $(RUNBIN)

install: $(BIN)
	$(INSTALL) -D -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/dumplab
	$(INSTALL) -d $(DESTDIR)$(DATADIR)/scenarios
	for f in scenarios/*.scn; do [ -e "$$f" ] || continue; \
		$(INSTALL) -m 0644 "$$f" $(DESTDIR)$(DATADIR)/scenarios/; done
	$(INSTALL) -D -m 0644 docs/dumplab.1 $(DESTDIR)$(MANDIR)/man1/dumplab.1

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
FUZZ_TARGETS := $(FUZZ_BUILD)/fuzz-print $(FUZZ_BUILD)/fuzz-scn

.PHONY: fuzz fuzz-smoke fuzz-regress

fuzz: $(FUZZ_TARGETS) $(FUZZ_BUILD)/fuzz-seed

$(FUZZ_BUILD)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz-print: $(FUZZ_BUILD)/tests/fuzz/fuzz-print.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -pthread -o $@ $^ $(PKG_LIBS)

$(FUZZ_BUILD)/fuzz-scn: $(FUZZ_BUILD)/tests/fuzz/fuzz-scn.o $(FUZZ_LIB_OBJ)
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

fuzz-regress: $(BUILD)/fuzz-print-run $(BUILD)/fuzz-scn-run
	$(BUILD)/fuzz-print-run tests/fuzz/regress/print
	$(BUILD)/fuzz-scn-run tests/fuzz/regress/scn scenarios tests/unit/scn-bad

test: fuzz-regress

# tests/diff/run's 100,000 TCP conversations
difftest: $(BUILD)/tools/gen-tcp-convs
