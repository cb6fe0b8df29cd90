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


install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/l10n
	install -m 644 src/rules/*.its $(DESTDIR)$(DATADIR)/rules/

clean:
	rm -rf build out

.PHONY: all install clean
