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
	cp -pr "$TOP/src/rules" "$1/src/"
	cp -p "$TOP/build/config.mk" "$1/build/" 2>/dev/null || : > "$1/build/config.mk"
	touch "$1/build/config.mk"
}

site_make() {
	_dir=$1; shift
	make -C "$_dir" --no-print-directory BIN="$BIN" L10N="${L10N_WRAPPER:-} $BIN" "$@"
}

tree_state() {
	_dir=$1; shift
	( cd "$_dir" && find "$@" -type f 2>/dev/null | LC_ALL=C sort | while read -r f; do
		printf '%s  %s\n' "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"; done )
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
