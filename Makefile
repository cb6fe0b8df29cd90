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
L10N_STAMPS = $(STAMP)/out-site-$(SOURCE_LANG) $(LINGUAS:%=$(STAMP)/out-site-%) \
	$(REPORTS:%=$(STAMP)/out-report-%)
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
define po_rule
$$(STAMP)/po-$(1)-%: $$(STAMP)/pot-$(1) $$$$(wildcard po/$(1)/$$$$*.po) | $$(STAMP)
	$$(Q)$$(L10N) update -q po/$(1)/$(1).pot po/$(1)/$$*.po
	@touch $$@
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

# Failing checks on the status page: the results of `l10n check` when the
# tool has that command (status.html says "not run" otherwise).
$(STAMP)/checks: $(ALL_PO) $(BIN) | $(STAMP)
	$(Q)if $(L10N) check --help >/dev/null 2>&1; then \
		$(L10N) check --format=json $(ALL_PO) > build/checks.json.tmp 2>/dev/null; \
		mv build/checks.json.tmp build/checks.json; \
	else rm -f build/checks.json; fi
	@touch $@

$(STAMP)/publish: $(L10N_STAMPS) $(if $(PSEUDO),$(PSEUDO_STAMPS)) $(OUT_ASSETS) $(ALL_PO) \
		$(STAMP)/checks $(STAMP)/publish-config $(BIN) | $(STAMP)
	$(Q)$(L10N) publish --base-url='$(BASE_URL)' --manifests=$(MANIFESTS) --output-root=out \
		--linguas=po/LINGUAS --source-lang=$(SOURCE_LANG) \
		--noindex-fallback=$(NOINDEX_FALLBACK) \
		$$(test -f build/checks.json && echo --checks=build/checks.json) $(ALL_PO)
	@touch $@

# A report in every language at once: the stylesheet is compiled once.
# out/LANG/reports/NAME.xml (DocBook) and NAME.fo (XSL-FO).
define report_out_rule
$$(STAMP)/out-report-$(1): $(LINGUAS:%=$$(STAMP)/po-$(1)-%) $(LINGUAS:%=$$(STAMP)/po-layout-%) \
		content/reports/$(1).xml $$(CONTENT_RULES) src/rules/docbook5.its \
		$$(FO_STYLESHEET) $$(FO_FONTS) $$(FO_LAYOUT) $$(BIN) | $$(STAMP)
	$$(Q)if $$(L10N) build --lang=$$(SOURCE_LANG) $(LINGUAS:%=--lang=%) --po-dir=po/$(1) \
		--fo --stylesheet=$$(FO_STYLESHEET) --fonts=$$(FO_FONTS) --layout=$$(FO_LAYOUT) \
		--layout-po-dir=po/layout --output-root=out --base=content \
		--threshold=$$(THRESHOLD) $$(RULE_OPTS) $$(FO_BUILD_OPTS) content/reports/$(1).xml; \
	then touch $$@; else echo "report $(1)" >> $$(STAMP)/failed; fi
endef
$(foreach r,$(REPORTS),$(eval $(call report_out_rule,$(r))))

out/assets/reports/%: content/reports/%
	@mkdir -p $(@D)
	$(Q)cp $< $@.tmp && mv $@.tmp $@

out/assets/%: content/site/assets/%
	@mkdir -p $(@D)
	$(Q)cp $< $@.tmp && mv $@.tmp $@

$(STAMP):
	@mkdir -p $@

l10n-outputs: $(L10N_STAMPS) $(OUT_ASSETS) $(OUT_REPORT_ASSETS) $(STAMP)/publish

# What the $(shell) calls above found, handed to the sub-make so that it
# does not start them again (a no-op `make l10n` is mostly process starts).
L10N_KNOWN = LINGUAS='$(LINGUAS)' SITE_ASSETS='$(SITE_ASSETS)' \
	REPORT_ASSETS='$(REPORT_ASSETS)'

l10n: $(BIN)
	@rm -f $(STAMP)/failed
	$(Q)$(MAKE) -s --no-print-directory l10n-outputs $(L10N_KNOWN)
	@if [ -s $(STAMP)/failed ]; then \
		echo "make l10n: failed: $$(tr '\n' ' ' < $(STAMP)/failed)" >&2; exit 1; fi

pseudo: $(BIN)
	@rm -f $(STAMP)/failed
	$(Q)$(MAKE) -s --no-print-directory $(PSEUDO_STAMPS) l10n-outputs PSEUDO=1
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
check: $(BIN)
	@scripts/install-deps check pdf browser || \
		echo "make check: tests that need the packages above will fail" >&2
	@$(MAKE) -s --no-print-directory pseudo || \
		echo "make check: the site was not built completely; the site tests say what is wrong" >&2
	$(Q)tests/run

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

.PHONY: l10n l10n-outputs pseudo update-po check-po check pdf pdf-outputs FORCE bench-check

# ---- Benchmarks against the peer tools (bench/README.md) --------------------
BENCH_SCALE ?= 1
BENCH_ROUNDS ?= 5
BENCH_MSGMERGE ?= run:1

bench: $(BIN)
	@scripts/install-deps bench
	$(Q)python3 bench/bench.py --l10n $(BIN) --scale $(BENCH_SCALE) \
		--rounds $(BENCH_ROUNDS) --msgmerge $(BENCH_MSGMERGE) $(BENCH_FLAGS)

.PHONY: bench

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR)/fo
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/l10n
	install -m 644 src/rules/*.its $(DESTDIR)$(DATADIR)/rules/
	install -m 644 src/fo/report.xsl src/fo/layout.xml src/fo/fonts.conf \
		src/fo/fop.xconf $(DESTDIR)$(DATADIR)/fo/

clean:
	rm -rf build out

.PHONY: all install clean
