# l10n - localisation toolchain.  Plain GNU make; Debian 12 is the
# reference platform.  `make l10n` and `make check` are all a new user runs:
# missing packages are installed by scripts/install-deps (see README.md).

all:

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/l10n
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

CC ?= cc
ifeq ($(origin CC),default)
CC = cc
endif
OPT ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wno-format-nonliteral -Wno-unused-parameter
ifdef DEVELOPER
WARN += -Werror
endif
ifdef SANITIZE
OPT = -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE) -fno-sanitize-recover=all
SANFLAGS = -fsanitize=$(SANITIZE)
BUILD ?= build/san
endif
BUILD ?= build

# Dependencies: build/config.mk is made by scripts/install-deps, which
# installs what is missing (or prints the command to do so) and records the
# compiler flags pkg-config gives.
ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
-include build/config.mk
endif
build/config.mk: scripts/install-deps
	@mkdir -p build
	@scripts/install-deps build
	@{ echo "PKG_CFLAGS = $$(pkg-config --cflags libxml-2.0 libxslt icu-uc icu-i18n)"; \
	   echo "PKG_LIBS = $$(pkg-config --libs libxml-2.0 libxslt libexslt icu-uc icu-i18n) -lgettextpo"; \
	 } > $@.tmp && mv $@.tmp $@

CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -DLOCALEDIR='"$(LOCALEDIR)"' -DL10N_DATA_DIR='"$(DATADIR)"'
CFLAGS ?=
ALL_CFLAGS = -std=c17 $(OPT) $(WARN) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
LDLIBS += $(PKG_LIBS) -lm

SRCS := $(sort $(wildcard src/*.c))
OBJS := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
BIN := $(BUILD)/l10n

all: $(BIN)

ifndef V
Q = @
endif

$(BIN): $(OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(OPT) $(SANFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c build/config.mk | $(BUILD)/obj
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj:
	@mkdir -p $@

-include $(OBJS:.o=.d)


# ---- The localised site and reports ---------------------------------------
#
# Stamps in build/stamp/ record what is up to date, so that a second
# `make l10n` does nothing; the tool itself rewrites a template or catalog
# only when more than its date changed, and an output only when its bytes
# changed.  A language that fails is recorded and the others go on;
# `make l10n` fails at the end and names it.

LINGUAS := $(shell sed -e 's/\#.*//' po/LINGUAS 2>/dev/null)
SOURCE_LANG = en
THRESHOLD ?= 80
STAMP = build/stamp
L10N = $(BIN)

# Reproducible dates: the last commit of the content, unless given.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- content po 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

CONTENT_RULES := $(sort $(wildcard content/rules/*.its))
RULE_OPTS := $(addprefix --rules=,$(CONTENT_RULES))
SITE_PAGES := $(sort $(wildcard content/site/*.html))
SITE_ASSETS := $(sort $(shell find content/site/assets -type f 2>/dev/null))
OUT_ASSETS := $(SITE_ASSETS:content/site/%=out/%)

# Domain "site": every page of the site in one catalog.
$(STAMP)/pot-site: $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)$(L10N) extract --project=site $(RULE_OPTS) -o po/site/site.pot $(SITE_PAGES)
	@touch $@

.SECONDEXPANSION:
.SECONDARY:
# A catalog that cannot be updated (it has errors) is left as it is and
# recorded as failed; its language is still built, without it.
$(STAMP)/po-site-%: $(STAMP)/pot-site $$(wildcard po/site/$$*.po) | $(STAMP)
	$(Q)if $(L10N) update -q po/site/site.pot po/site/$*.po; \
	then touch $@; else echo "site $* (catalog)" >> $(STAMP)/failed; fi

$(STAMP)/out-site-%: $(STAMP)/po-site-% $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)if $(L10N) build --lang=$* --po=po/site/$*.po --output-root=out \
		--base=content/site --threshold=$(THRESHOLD) $(RULE_OPTS) $(SITE_PAGES); \
	then touch $@; else echo "site $*" >> $(STAMP)/failed; fi

$(STAMP)/out-site-$(SOURCE_LANG): $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)$(L10N) build --lang=$(SOURCE_LANG) --output-root=out --base=content/site \
		$(RULE_OPTS) $(SITE_PAGES)
	@touch $@

# Copied as the tool writes: a temp file in the same folder, named as the
# tool's (.l10n-tmp.PID.NAME.X) so that a killed copy is cleaned up by the
# next `make l10n`, flushed to disk, then renamed over the old file.
out/assets/%: content/site/assets/%
	@mkdir -p $(@D)
	$(Q)tmp=$(@D)/.l10n-tmp.$$$$.$(@F).cp; \
	cp $< $$tmp && sync $$tmp && mv -f $$tmp $@ || { rm -f $$tmp; exit 1; }

$(STAMP):
	@mkdir -p $@

L10N_STAMPS = $(STAMP)/out-site-$(SOURCE_LANG) $(LINGUAS:%=$(STAMP)/out-site-%)

l10n-outputs: $(L10N_STAMPS) $(OUT_ASSETS)

# Temp files of processes that no longer run (a killed `make l10n`) are
# removed first; a live process's are left alone.
l10n: $(BIN)
	@case "$${SOURCE_DATE_EPOCH-}" in *[!0-9]*) \
		echo "make l10n: SOURCE_DATE_EPOCH '$$SOURCE_DATE_EPOCH' is not a number of seconds" >&2; \
		exit 2;; esac
	@rm -f $(STAMP)/failed
	@find out po -name '.l10n-tmp.*' -type f 2>/dev/null | while read -r f; do \
		pid=$${f##*/.l10n-tmp.}; pid=$${pid%%.*}; \
		kill -0 "$$pid" 2>/dev/null || rm -f "$$f"; done
	$(Q)$(MAKE) -s --no-print-directory l10n-outputs
	@if [ -s $(STAMP)/failed ]; then \
		echo "make l10n: failed: $$(tr '\n' ' ' < $(STAMP)/failed)" >&2; exit 1; fi

update-po: $(BIN)
	$(Q)$(MAKE) -s --no-print-directory $(LINGUAS:%=$(STAMP)/po-site-%)

check-po: $(BIN)
	$(Q)for po in po/*/*.po; do msgfmt -c -o /dev/null $$po || exit 1; done

# ---- Tests ------------------------------------------------------------------
#
# `make check` runs tests/run on $(BIN) (build/san/l10n with SANITIZE=...),
# after building the LD_PRELOAD shims the reliability tests use and the
# fuzz targets whose corpora are replayed.  Sanitizer and valgrind reports
# go to log files, so that a test which ignores the exit status or the
# standard error of the tool still cannot hide one: any report fails the
# run.

# What the tests of this Makefile need beyond the build (the fuzz targets'
# clang, python3 for the XXE server); other suites check their own.
build/deps-reliability: scripts/install-deps
	@mkdir -p build
	@scripts/install-deps reliability
	@touch $@

build/deps-leakcheck: scripts/install-deps
	@mkdir -p build
	@scripts/install-deps leakcheck
	@touch $@

TEST_SHIMS = build/test/inject.so build/test/fakeclock.so
build/test/%.so: tests/lib/%.c | build/test
	@echo "  SHIM    $@"
	$(Q)$(CC) -std=gnu17 -O2 -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl

build/test:
	@mkdir -p $@

SANLOG = $(BUILD)/sanitizer-logs
check: $(BIN) build/deps-reliability $(TEST_SHIMS) fuzzers
	$(Q)rm -rf $(SANLOG) && mkdir -p $(SANLOG)
	$(Q)L10N_BIN=$(abspath $(BIN)) L10N_SANITIZED=$(SANITIZE) \
	  ASAN_OPTIONS=log_path=$(abspath $(SANLOG))/asan:detect_leaks=1:fast_unwind_on_malloc=0 \
	  LSAN_OPTIONS=suppressions=$(LSAN_SUPP):print_suppressions=0 \
	  UBSAN_OPTIONS=log_path=$(abspath $(SANLOG))/ubsan:print_stacktrace=1:halt_on_error=1 \
	  tests/run; st=$$?; \
	if [ -n "$$(ls -A $(SANLOG))" ]; then \
		echo "make check: sanitizer reports:" >&2; cat $(SANLOG)/* >&2; exit 1; fi; \
	exit $$st

# The test suite under valgrind: memory errors and leaks (definite or
# indirect) of every l10n process, children included.
VGLOG = build/valgrind-logs
leakcheck: $(BIN) build/deps-reliability build/deps-leakcheck $(TEST_SHIMS) fuzzers
	$(Q)rm -rf $(VGLOG) && mkdir -p $(VGLOG)
	$(Q)L10N_BIN=$(abspath $(BIN)) \
	  L10N_WRAPPER="valgrind -q --trace-children=no --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --suppressions=$(abspath tests/lib/valgrind.supp) --error-exitcode=99 --log-file=$(abspath $(VGLOG))/%p.log" \
	  tests/run; st=$$?; \
	bad=$$(find $(VGLOG) -type f -size +0); \
	if [ -n "$$bad" ]; then echo "make leakcheck: valgrind reports:" >&2; cat $$bad >&2; exit 1; fi; \
	exit $$st

# ---- Fuzzing ----------------------------------------------------------------
#
# libFuzzer targets (fuzz/fuzz-*.c) over the library code (src/ without
# main.c) built with clang -fsanitize=fuzzer,address,undefined in
# build/fuzz/.  `make fuzz` runs each for FUZZ_SECONDS on a working copy
# of its seed corpus (fuzz/corpus/NAME, with fuzz/NAME.dict); `make check`
# replays the seed corpora (-runs=0).

FUZZ_CC = clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = po html xml merge
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c17 -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) $(WARN) $(PKG_CFLAGS)
FUZZ_OBJS = $(patsubst src/%.c,build/fuzz/obj/%.o,$(filter-out src/main.c src/cmd-%.c,$(SRCS)))
FUZZ_BINS = $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)
# Leaks inside libgettextpo itself are suppressed by name; the suppressions
# need full stacks (libgettextpo has no frame pointers), which are slow:
# only fuzz-po, the one target that reads through libgettextpo, pays.
LSAN_SUPP = $(abspath tests/lib/lsan.supp)
FUZZ_ENV = LSAN_OPTIONS=suppressions=$(LSAN_SUPP):print_suppressions=0 \
	ASAN_OPTIONS=fast_unwind_on_malloc=$$([ $$t = po ] && echo 0 || echo 1)

build/fuzz/obj/%.o: src/%.c build/config.mk | build/fuzz/obj
	@echo "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fuzz/fuzz-%: fuzz/fuzz-%.c fuzz/fuzz.h fuzz/fuzz-extract.h $(FUZZ_OBJS) | build/fuzz/obj
	@echo "  FUZZLD  $@"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

build/fuzz/obj:
	@mkdir -p $@

-include $(FUZZ_OBJS:.o=.d)

fuzzers: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	$(Q)mkdir -p build/fuzz/crashes
	$(Q)for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/corpus/$$t; \
		echo "fuzz-$$t: $(FUZZ_SECONDS) s"; \
		L10N_DATA_DIR=$(abspath src) $(FUZZ_ENV) build/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
		  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		  -dict=fuzz/$$t.dict -artifact_prefix=build/fuzz/crashes/$$t- \
		  build/fuzz/corpus/$$t fuzz/corpus/$$t || exit 1; \
	done

.PHONY: l10n l10n-outputs update-po check-po check leakcheck fuzz fuzzers

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/l10n
	install -m 644 src/rules/*.its $(DESTDIR)$(DATADIR)/rules/

clean:
	rm -rf build out

.PHONY: all install clean
