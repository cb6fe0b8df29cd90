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

ifneq ($(origin LINGUAS),command line)
LINGUAS := $(shell sed -e 's/\#.*//' po/LINGUAS 2>/dev/null)
endif
SOURCE_LANG = en
THRESHOLD ?= 80
STAMP = build/stamp
L10N = $(BIN)
# Digests of catalogs and stamps of updates (src/catalog-cache.c,
# src/update.c): a catalog whose bytes did not change is not parsed again.
export L10N_CACHE_DIR ?= $(CURDIR)/build/cache

# Reproducible dates: the last commit of the sources, unless given.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- content 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

# Publishing: the URL out/ is served at (alternates, canonical URLs and
# the sitemap are absolute), and the share of a page's units that may be
# shown in the source language before the page is kept out of search
# engines (noindex, no alternates, not in the sitemap).
BASE_URL ?= https://example.org/
NOINDEX_FALLBACK ?= 10
MANIFESTS = build/manifest
PSEUDO_LINGUAS = en_XA ar_XB
ALL_PO = $(sort $(wildcard po/*/*.po))
# The reports first: the longest jobs (0.4-1 s a language, against 0.2 s
# for the site) start first, and the short ones fill both processors at
# the end, instead of a report keeping one busy while the other waits (the
# bench corpus, 10 languages, make -j2 l10n from clean out/: medians of 7
# interleaved runs 5.10 s against 5.48 s).
L10N_STAMPS = $(foreach r,$(REPORTS),$(STAMP)/out-report-$(r)-$(SOURCE_LANG) \
		$(LINGUAS:%=$(STAMP)/out-report-$(r)-%)) \
	$(STAMP)/out-site-$(SOURCE_LANG) $(LINGUAS:%=$(STAMP)/out-site-%)
PSEUDO_STAMPS = $(PSEUDO_LINGUAS:%=$(STAMP)/pseudo-site-%)

CONTENT_RULES := $(sort $(wildcard content/rules/*.its))
RULE_OPTS := $(addprefix --rules=,$(CONTENT_RULES))
SITE_PAGES := $(sort $(wildcard content/site/*.html))
ifneq ($(origin SITE_ASSETS),command line)
SITE_ASSETS := $(sort $(shell find content/site/assets -type f 2>/dev/null))
endif
OUT_ASSETS := $(SITE_ASSETS:content/site/%=out/%)

# The reports: one DocBook 5 file each (content/reports/NAME.xml), one
# catalog domain each (po/NAME/), and the files they include (images/),
# shared by every language under out/assets/reports/.
REPORT_SOURCES := $(sort $(wildcard content/reports/*.xml))
REPORTS := $(notdir $(basename $(REPORT_SOURCES)))
ifneq ($(origin REPORT_ASSETS),command line)
REPORT_ASSETS := $(sort $(shell find content/reports -type f ! -name '*.xml' 2>/dev/null))
endif
OUT_REPORT_ASSETS := $(REPORT_ASSETS:content/%=out/assets/%)

# The reports' layout (XSL-FO): a publisher may use another stylesheet,
# font list or FOP configuration (README.md, "Publishers").
FO_STYLESHEET ?= src/fo/report.xsl
FO_FONTS ?= src/fo/fonts.conf
FO_LAYOUT ?= src/fo/layout.xml
FOP_CONFIG ?= src/fo/fop.xconf
# More options for `l10n build --fo` (e.g. --no-footnote-visual-order
# with FOP 2.10 or later).
FO_BUILD_OPTS ?=

# Catalog domains: the site, the layout's own strings, each report.
DOMAINS := site layout $(REPORTS)

# Domain "site": every page of the site in one catalog.
$(STAMP)/pot-site: $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)$(L10N) extract --project=site $(RULE_OPTS) -o po/site/site.pot $(SITE_PAGES)
	@touch $@

# Domain "layout": the text the report stylesheet generates.
$(STAMP)/pot-layout: $(FO_LAYOUT) $(BIN) | $(STAMP)
	$(Q)$(L10N) extract --project=layout -o po/layout/layout.pot $(FO_LAYOUT)
	@touch $@

# Domain NAME: the report content/reports/NAME.xml.
define report_pot_rule
$$(STAMP)/pot-$(1): content/reports/$(1).xml $$(CONTENT_RULES) src/rules/docbook5.its $$(BIN) | $$(STAMP)
	$$(Q)$$(L10N) extract --project=$(1) $$(RULE_OPTS) -o po/$(1)/$(1).pot content/reports/$(1).xml
	@touch $$@
endef
$(foreach r,$(REPORTS),$(eval $(call report_pot_rule,$(r))))

# Every domain's catalogs follow its template: po/DOMAIN/LANG.po.
.SECONDEXPANSION:
.SECONDARY:
# A catalog that cannot be updated (it has errors) is left as it is and
# recorded as failed; its language is still built, without it.
define po_rule
$$(STAMP)/po-$(1)-%: $$(STAMP)/pot-$(1) $$$$(wildcard po/$(1)/$$$$*.po) | $$(STAMP)
	$$(Q)if $$(L10N) update -q po/$(1)/$(1).pot po/$(1)/$$*.po; \
	then touch $$@; else echo "$(1) $$* (catalog)" >> $$(STAMP)/failed; fi
endef
$(foreach d,$(DOMAINS),$(eval $(call po_rule,$(d))))

$(STAMP)/out-site-%: $(STAMP)/po-site-% $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)if $(L10N) build --lang=$* --po=po/site/$*.po --output-root=out \
		--base=content/site --threshold=$(THRESHOLD) $(RULE_OPTS) \
		--manifest=$(MANIFESTS)/site-$*.tsv $(SITE_PAGES); \
	then touch $@; else echo "site $*" >> $(STAMP)/failed; fi

$(STAMP)/out-site-$(SOURCE_LANG): $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)$(L10N) build --lang=$(SOURCE_LANG) --output-root=out --base=content/site \
		$(RULE_OPTS) --manifest=$(MANIFESTS)/site-$(SOURCE_LANG).tsv $(SITE_PAGES)
	@touch $@

# Pseudo-locales (`make pseudo`): catalogs generated from the template in
# build/pseudo/ (never in git), built like any language into out/en-XA/ and
# out/ar-XB/; `l10n publish` keeps them out of alternates, sitemap and
# switchers.
$(STAMP)/pseudo-site-%: $(STAMP)/pot-site $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)$(L10N) pseudo --lang=$* -o build/pseudo/site/$*.po po/site/site.pot
	$(Q)$(L10N) build --lang=$* --po=build/pseudo/site/$*.po --output-root=out \
		--base=content/site --threshold=0 $(RULE_OPTS) \
		--manifest=$(MANIFESTS)/site-$*.tsv $(SITE_PAGES)
	@touch $@

# Publishing, after every language is built: alternates, canonical URLs,
# switchers, noindex, sitemap.xml, robots.txt, the root index.html and
# status.html.  BASE_URL and NOINDEX_FALLBACK are recorded so that a
# change of either publishes again.
# (Compared by make itself: a no-op `make l10n` starts no shell for it.)
PUBLISH_CONFIG = $(BASE_URL) $(NOINDEX_FALLBACK)
$(STAMP)/publish-config: $(if $(subst x$(PUBLISH_CONFIG)x,,x$(file <$(STAMP)/publish-config)x),FORCE) | $(STAMP)
	@echo '$(PUBLISH_CONFIG)' > $@

# Failing checks on the status page: the results of `l10n check`, a job
# per language (a language's catalogs are checked together: the
# consistency check compares them with each other), so that a translator's
# commit checks that language again, not every catalog.
# build/checks/LANG.json holds a language's results, build/checks.json all
# of them, for `l10n publish`.
# Exit status 2 (a write failed: a full disk) leaves the earlier results
# and is recorded; the stamp is not touched, so the next run checks again.
# The catalogs' update stamps are prerequisites too: make does not see the
# new modification time of a catalog that `l10n update` rewrote in the
# same run (it is not a target), so without them the results of an
# interrupted run could stay (found by tests/reliability/diskfull.test).
PO_LANGS = $(sort $(basename $(notdir $(ALL_PO))))
$(STAMP)/checks-%: $$(filter %/$$*.po,$$(ALL_PO)) $(BIN) \
		$$(if $$(filter $$*,$$(LINGUAS)),$$(foreach d,$$(DOMAINS),$$(STAMP)/po-$$(d)-$$*)) | $(STAMP)
	$(Q)mkdir -p build/checks; tmp=build/checks/.l10n-tmp.$$$$.$*.json; \
	$(L10N) check --format=json $(filter %/$*.po,$(ALL_PO)) > $$tmp 2>/dev/null; st=$$?; \
	if [ $$st -le 1 ] && sync $$tmp && mv $$tmp build/checks/$*.json; \
	then touch $@; else rm -f $$tmp; echo "checks $*" >> $(STAMP)/failed; fi

$(STAMP)/checks: $(PO_LANGS:%=$(STAMP)/checks-%) | $(STAMP)
	$(Q)tmp=build/checks/.l10n-tmp.$$$$.all.json; \
	for l in $(PO_LANGS); do if [ -f build/checks/$$l.json ]; then cat build/checks/$$l.json; fi; \
	done > $$tmp && sync $$tmp && mv $$tmp build/checks.json \
	&& touch $@ || { rm -f $$tmp; echo "checks" >> $(STAMP)/failed; }

$(STAMP)/publish: $(L10N_STAMPS) $(if $(PSEUDO),$(PSEUDO_STAMPS)) $(OUT_ASSETS) $(ALL_PO) \
		$(STAMP)/checks $(STAMP)/publish-config $(BIN) | $(STAMP)
	$(Q)if $(L10N) publish --base-url='$(BASE_URL)' --manifests=$(MANIFESTS) --output-root=out \
		--linguas=po/LINGUAS --source-lang=$(SOURCE_LANG) \
		--noindex-fallback=$(NOINDEX_FALLBACK) \
		$$(test -f build/checks.json && echo --checks=build/checks.json) $(ALL_PO); \
	then touch $@; else echo "publish" >> $(STAMP)/failed; fi

# A report in each language: out/LANG/reports/NAME.xml (DocBook) and
# NAME.fo (XSL-FO), a job each, so that a translator's commit builds that
# language again, not every one (compiling the stylesheet in each costs
# about 6% more processor time when all are built).
report_build = $(L10N) build --lang=$(2) --po-dir=po/$(1) \
	--fo --stylesheet=$(FO_STYLESHEET) --fonts=$(FO_FONTS) --layout=$(FO_LAYOUT) \
	--layout-po-dir=po/layout --output-root=out --base=content \
	--threshold=$(THRESHOLD) $(RULE_OPTS) $(FO_BUILD_OPTS) content/reports/$(1).xml
REPORT_DEPS = $(CONTENT_RULES) src/rules/docbook5.its $(FO_STYLESHEET) $(FO_FONTS) $(FO_LAYOUT) $(BIN)
# A language's build of report $(1) (the source language's has no
# catalogs): its stamp, or a line in the failures.
report_recipe = if $(call report_build,$(1),$(2)); \
	then touch $@; else echo "report $(1) $(2)" >> $(STAMP)/failed; fi
define report_out_rule
$$(STAMP)/out-report-$(1)-%: $$(STAMP)/po-$(1)-% $$(STAMP)/po-layout-% content/reports/$(1).xml \
		$$(REPORT_DEPS) | $$(STAMP)
	$$(Q)$$(call report_recipe,$(1),$$*)
$$(STAMP)/out-report-$(1)-$$(SOURCE_LANG): content/reports/$(1).xml $$(REPORT_DEPS) | $$(STAMP)
	$$(Q)$$(call report_recipe,$(1),$$(SOURCE_LANG))
endef
$(foreach r,$(REPORTS),$(eval $(call report_out_rule,$(r))))

out/assets/reports/%: content/reports/%
	@mkdir -p $(@D)
	$(Q)tmp=$(@D)/.l10n-tmp.$$$$.$(@F).cp; \
	cp $< $$tmp && sync $$tmp && mv -f $$tmp $@ || { rm -f $$tmp; exit 1; }

# Copied as the tool writes: a temp file in the same folder, named as the
# tool's (.l10n-tmp.PID.NAME.X) so that a killed copy is cleaned up by the
# next `make l10n`, flushed to disk, then renamed over the old file.
out/assets/%: content/site/assets/%
	@mkdir -p $(@D)
	$(Q)tmp=$(@D)/.l10n-tmp.$$$$.$(@F).cp; \
	cp $< $$tmp && sync $$tmp && mv -f $$tmp $@ || { rm -f $$tmp; exit 1; }

$(STAMP):
	@mkdir -p $@

l10n-outputs: $(L10N_STAMPS) $(OUT_ASSETS) $(OUT_REPORT_ASSETS) $(STAMP)/publish

# What the $(shell) calls above found, handed to the sub-make so that it
# does not start them again (a no-op `make l10n` is mostly process starts).
L10N_KNOWN = LINGUAS='$(LINGUAS)' SITE_ASSETS='$(SITE_ASSETS)' \
	REPORT_ASSETS='$(REPORT_ASSETS)'

# `make l10n` without -j runs as many jobs at a time as there are
# processors (each language's site, report and checks are jobs of their
# own), each job's output printed whole (-Otarget); with -jN, N.
SUBMAKE_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$$(nproc) -Otarget)

# Temp files of processes that no longer run (a killed `make l10n` or
# `make pseudo`; a zombie does not run), wherever a run writes: out/, po/,
# the manifests, the check results, the pseudo-locales' catalogs and the
# cache.  A live process's are left alone.
remove_stale_temps = $(L10N) clean-temps out po $(MANIFESTS) build/checks build/pseudo \
	$(L10N_CACHE_DIR)

l10n: $(BIN)
	@case "$${SOURCE_DATE_EPOCH-}" in *[!0-9]*) \
		echo "make l10n: SOURCE_DATE_EPOCH '$$SOURCE_DATE_EPOCH' is not a number of seconds" >&2; \
		exit 2;; esac
	@rm -f $(STAMP)/failed
	@$(remove_stale_temps)
	$(Q)$(MAKE) -s --no-print-directory $(SUBMAKE_JOBS) l10n-outputs $(L10N_KNOWN)
	@if [ -s $(STAMP)/failed ]; then \
		echo "make l10n: failed: $$(tr '\n' ' ' < $(STAMP)/failed)" >&2; exit 1; fi

pseudo: $(BIN)
	@rm -f $(STAMP)/failed
	@$(remove_stale_temps)
	$(Q)$(MAKE) -s --no-print-directory $(SUBMAKE_JOBS) $(PSEUDO_STAMPS) l10n-outputs PSEUDO=1
	@if [ -s $(STAMP)/failed ]; then \
		echo "make pseudo: failed: $$(tr '\n' ' ' < $(STAMP)/failed)" >&2; exit 1; fi

update-po: $(BIN)
	$(Q)$(MAKE) -s --no-print-directory $(foreach d,$(DOMAINS),$(LINGUAS:%=$(STAMP)/po-$(d)-%))

# Every check of `l10n check` (errors fail, warnings are printed); the
# glossary is po/glossary.tbx, accepted findings po/<domain>/<lang>.exceptions.
check-po: $(BIN)
	$(Q)$(L10N) check $(sort $(wildcard po/*/*.po))

# The tests check the built site too (alternates, sitemap, status page,
# pseudo-locales, HTML5 validity, a real browser) and render the reports
# with FOP: install what they need (the check, pdf and browser groups) and
# build the site first.
check-prepare: $(BIN)
	@scripts/install-deps check pdf browser || \
		echo "make check: tests that need the packages above will fail" >&2
	@$(SAN_ENV) $(MAKE) -s --no-print-directory pseudo || \
		echo "make check: the site was not built completely; the site tests say what is wrong" >&2

# PDFs of the reports: every out/LANG/reports/NAME.fo rendered by Apache
# FOP with $(FOP_CONFIG) into NAME.pdf next to it (FOP's log in
# build/pdf/).  A PDF whose .fo is gone (a language held back) goes too.
pdf: l10n
	@scripts/install-deps pdf
	$(Q)$(MAKE) --no-print-directory pdf-outputs
	@for p in out/*/reports/*.pdf; do \
		[ -f "$$p" ] && [ ! -f "$${p%.pdf}.fo" ] && rm -f "$$p" && echo "removed $$p"; \
	done; true

pdf-outputs: $(patsubst %.fo,%.pdf,$(wildcard out/*/reports/*.fo))

out/%.pdf: out/%.fo $(FOP_CONFIG) $(OUT_REPORT_ASSETS)
	@echo "  FOP     $@"
	$(Q)scripts/render-pdf -c $(FOP_CONFIG) -l build/pdf/$*.log $< $@

FORCE:

# `l10n check` against pofilter on a 20,000-entry catalog (bench/check.sh;
# needs ../shared/bench/gen_corpus.py and translate-toolkit).
bench-check: $(BIN)
	$(Q)bench/check.sh

.PHONY: l10n l10n-outputs pseudo update-po check-po check check-prepare leakcheck fuzz fuzzers \
	pdf pdf-outputs FORCE bench-check

# ---- Tests ------------------------------------------------------------------
#
# `make check` runs tests/run on $(BIN) (build/san/l10n with SANITIZE=...),
# after building the LD_PRELOAD shims the reliability tests use and the
# fuzz targets whose corpora are replayed.  Sanitizer and valgrind reports
# go to log files, so that a test which ignores the exit status or the
# standard error of the tool still cannot hide one: any report fails the
# run.

# What the tests of this Makefile need beyond the build (python3 for the
# XXE server; the fuzz targets' clang comes with build/deps-fuzz); other
# suites check their own.
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

# TESTS=AREA/NAME.test... runs only those.
TESTS ?=
SANLOG = $(BUILD)/sanitizer-logs
# The sanitizers' settings for every run of the tool by `make check`, the
# site it prepares included: leaks inside libgettextpo are suppressed by
# name (tests/lib/lsan.supp), which needs full stacks.
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
	LSAN_OPTIONS=suppressions=$(LSAN_SUPP):print_suppressions=0
check: $(BIN) build/deps-reliability $(TEST_SHIMS) fuzzers check-prepare
	$(Q)rm -rf $(SANLOG) && mkdir -p $(SANLOG)
	$(Q)L10N_BIN=$(abspath $(BIN)) L10N_SANITIZED=$(SANITIZE) \
	  ASAN_OPTIONS=log_path=$(abspath $(SANLOG))/asan:detect_leaks=1:fast_unwind_on_malloc=0 \
	  LSAN_OPTIONS=suppressions=$(LSAN_SUPP):print_suppressions=0 \
	  UBSAN_OPTIONS=log_path=$(abspath $(SANLOG))/ubsan:print_stacktrace=1:halt_on_error=1 \
	  tests/run $(TESTS); st=$$?; \
	if [ -n "$$(ls -A $(SANLOG))" ]; then \
		echo "make check: sanitizer reports:" >&2; cat $(SANLOG)/* >&2; exit 1; fi; \
	exit $$st

# The test suite under valgrind: memory errors and leaks (definite or
# indirect) of every l10n process, children included.
VGLOG = build/valgrind-logs
leakcheck: $(BIN) build/deps-reliability build/deps-leakcheck $(TEST_SHIMS) fuzzers check-prepare
	$(Q)rm -rf $(VGLOG) && mkdir -p $(VGLOG)
	$(Q)L10N_BIN=$(abspath $(BIN)) \
	  L10N_WRAPPER="valgrind -q --trace-children=no --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --suppressions=$(abspath tests/lib/valgrind.supp) --error-exitcode=99 --log-file=$(abspath $(VGLOG))/%p.log" \
	  tests/run $(TESTS); st=$$?; \
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

# clang and its libFuzzer runtime, installed before the first object is
# compiled.  (Every target is secondary here (.SECONDARY:), so make would
# install a missing stamp's packages only after the prerequisites that are
# not; as a prerequisite of the objects, it comes first.)
build/deps-fuzz: scripts/install-deps
	@mkdir -p build
	@scripts/install-deps fuzz
	@touch $@

build/fuzz/obj/%.o: src/%.c build/config.mk build/deps-fuzz | build/fuzz/obj
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


# ---- Benchmarks against the peer tools (bench/README.md) --------------------
BENCH_SCALE ?= 1
BENCH_ROUNDS ?= 5
BENCH_MSGMERGE ?= run:1

bench: $(BIN)
	@scripts/install-deps bench
	$(Q)python3 bench/bench.py --l10n $(BIN) --scale $(BENCH_SCALE) \
		--rounds $(BENCH_ROUNDS) --msgmerge $(BENCH_MSGMERGE) $(BENCH_FLAGS)

# Target 4's growth in one run: make l10n at scales 1, 2 and 4, interleaved.
bench-growth: $(BIN)
	@scripts/install-deps bench
	$(Q)python3 bench/bench.py --l10n $(BIN) --growth --rounds $(BENCH_ROUNDS)

.PHONY: bench bench-growth

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR)/fo
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/l10n
	install -m 644 src/rules/*.its $(DESTDIR)$(DATADIR)/rules/
	install -m 644 src/fo/report.xsl src/fo/layout.xml src/fo/fonts.conf \
		src/fo/fop.xconf $(DESTDIR)$(DATADIR)/fo/

clean:
	rm -rf build out

.PHONY: all install clean
