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

# Reproducible dates: the last commit of the sources, unless given.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- content 2>/dev/null)
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
$(STAMP)/po-site-%: $(STAMP)/pot-site $$(wildcard po/site/$$*.po) | $(STAMP)
	$(Q)$(L10N) update -q po/site/site.pot po/site/$*.po
	@touch $@

$(STAMP)/out-site-%: $(STAMP)/po-site-% $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)if $(L10N) build --lang=$* --po=po/site/$*.po --output-root=out \
		--base=content/site --threshold=$(THRESHOLD) $(RULE_OPTS) $(SITE_PAGES); \
	then touch $@; else echo "site $*" >> $(STAMP)/failed; fi

$(STAMP)/out-site-$(SOURCE_LANG): $(SITE_PAGES) $(CONTENT_RULES) src/rules/html5.its $(BIN) | $(STAMP)
	$(Q)$(L10N) build --lang=$(SOURCE_LANG) --output-root=out --base=content/site \
		$(RULE_OPTS) $(SITE_PAGES)
	@touch $@

out/assets/%: content/site/assets/%
	@mkdir -p $(@D)
	$(Q)cp $< $@.tmp && mv $@.tmp $@

$(STAMP):
	@mkdir -p $@

L10N_STAMPS = $(STAMP)/out-site-$(SOURCE_LANG) $(LINGUAS:%=$(STAMP)/out-site-%)

l10n-outputs: $(L10N_STAMPS) $(OUT_ASSETS)

l10n: $(BIN)
	@rm -f $(STAMP)/failed
	$(Q)$(MAKE) -s --no-print-directory l10n-outputs
	@if [ -s $(STAMP)/failed ]; then \
		echo "make l10n: failed: $$(tr '\n' ' ' < $(STAMP)/failed)" >&2; exit 1; fi

update-po: $(BIN)
	$(Q)$(MAKE) -s --no-print-directory $(LINGUAS:%=$(STAMP)/po-site-%)

check-po: $(BIN)
	$(Q)for po in po/*/*.po; do msgfmt -c -o /dev/null $$po || exit 1; done

check: $(BIN)
	$(Q)tests/run

.PHONY: l10n l10n-outputs update-po check-po check

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
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/l10n
	install -m 644 src/rules/*.its $(DESTDIR)$(DATADIR)/rules/

clean:
	rm -rf build out

.PHONY: all install clean
