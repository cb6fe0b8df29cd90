# tests/reliability/lib.sh - helpers for the reliability tests (sourced
# after tests/setup).
#
# site_copy DIR: a copy of the site (Makefile, scripts, content, po, the
#   rule files) in DIR that `site_make DIR l10n` builds with the binary
#   under test, so that `make l10n` can be run, broken and killed without
#   touching the source tree.
# tree_state DIR SUBDIR... > FILE: "sha256  path" of every file below the
#   SUBDIRs of DIR (temp files included), sorted.
# measure OUT COMMAND...: run COMMAND, write "seconds maxrss_kb status" to
#   OUT (python3's getrusage of the child).
# shim NAME: path of the LD_PRELOAD shim build/test/NAME.so (fails when
#   `make check` has not built it).

site_copy() {
	mkdir -p "$1/build" "$1/src"
	cp -p "$TOP/Makefile" "$1/"
	cp -pr "$TOP/scripts" "$TOP/content" "$TOP/po" "$1/"
	# The data folders of src/ (rules, fo, ...), not the C sources.
	for _d in "$TOP"/src/*/; do cp -pr "${_d%/}" "$1/src/"; done
	cp -p "$TOP/build/config.mk" "$1/build/" 2>/dev/null || : > "$1/build/config.mk"
	touch "$1/build/config.mk"
}

site_make() {
	_dir=$1; shift
	make -C "$_dir" --no-print-directory BIN="$BIN" L10N="${L10N_WRAPPER:-} $BIN" "$@"
}

tree_state() {
	_dir=$1; shift
	( cd "$_dir" && find "$@" -type f -exec sha256sum {} + 2>/dev/null | LC_ALL=C sort -k2 )
}

measure() {
	_out=$1; shift
	python3 - "$_out" "$@" <<'PY'
import resource, subprocess, sys, time
out = sys.argv[1]
t = time.monotonic()
p = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(out + ".err", "w"))
dt = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(out, "w").write("%.3f %d %d\n" % (dt, rss, p.returncode))
PY
}

shim() {
	if [ -f "$TOP/build/test/$1.so" ]; then
		echo "$TOP/build/test/$1.so"
	else
		echo "tests: build/test/$1.so is missing: run the tests with 'make check'" >&2
		echo /nonexistent
	fi
}

# with_preload SHIM COMMAND...: run COMMAND with the shim preloaded (the
# sanitizer runtime need not come first).
with_preload() {
	_so=$1; shift
	LD_PRELOAD="$_so" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "$@"
}

# Is the binary under test slowed down (valgrind, sanitizers)?  Time and
# memory limits are then not meaningful and are not asserted.
instrumented() {
	[ -n "${L10N_WRAPPER:-}" ] || [ -n "${L10N_SANITIZED:-}" ]
}

# states_ok NAME NOW STATE...: every file of state NOW (tree_state output)
# is byte-identical to its version in one of the STATEs (the earlier
# state, the complete new ones), nothing that all STATEs have is missing,
# nothing else is there (temp files excepted: they are checked after the
# next run).  Prints PASS/FAIL.
states_ok() {
	_name=$1; shift
	_msg=$(awk '
		FNR == 1 { f++ }
		f == 1 { now[$2] = $1; next }
		{ ok[$2 SUBSEP $1] = 1; seen[$2]++ }
		END {
			nstates = f - 1
			for (p in now) {
				if (("/" p) ~ /\/\.l10n-tmp\./) continue
				if (!((p SUBSEP now[p]) in ok)) printf "torn or foreign: %s; ", p
			}
			for (p in seen) if (seen[p] == nstates && !(p in now)) printf "missing: %s; ", p
		}' "$@" | cut -c1-300)
	if [ -z "$_msg" ]; then pass "$_name"; else fail "$_name" "$_msg"; fi
}

# unpublished_state DIR BIN > FILE: the state of a copy of DIR after
# `make l10n` without its last step (`l10n publish` rewrites the pages
# the builds wrote): a run killed between the two leaves such pages,
# complete and new but not yet published.
unpublished_state() {
	rm -rf "$1.mid" && cp -a "$1" "$1.mid"
	printf '#!/bin/sh\n[ "$1" = publish ] && exit 0\nexec %s "$@"\n' "$2" > "$1.nopublish"
	chmod +x "$1.nopublish"
	make -C "$1.mid" --no-print-directory BIN="$2" L10N="$(pwd)/$1.nopublish" l10n > /dev/null 2>&1
	tree_state "$1.mid" out po
}

# site_v2 DIR: the changes between state A and state B of the site: a
# changed sentence (new template, every catalog merged, every language
# rebuilt), a changed Hebrew translation, a changed asset.
site_v2() {
	sed -i 's|has become a <strong>global crime</strong>|has become a <strong>global crime</strong> of our time|' \
		"$1/content/site/index.html"
	python3 - "$1/po/site/he.po" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
parts = s.split("\n\n")
for i, e in enumerate(parts[1:], 1):
    m = re.search(r'^msgstr "([^"].*)"$', e, re.M)
    if m and "#," not in e:
        parts[i] = e[:m.start(1)] + "גרסה חדשה: " + e[m.start(1):]
        break
open(p, "w", encoding="utf-8").write("\n\n".join(parts))
PY
	echo '/* v2 */' >> "$1/content/site/assets/style.css"
}
