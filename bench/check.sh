#!/bin/sh
# bench/check.sh - `l10n check` with every check against Translate
# Toolkit's pofilter with its defaults, side by side on the same catalog.
#
#   bench/check.sh                    # 7 rounds (ROUNDS=N to change)
#   W=/tmp/x SHARED=../shared bench/check.sh
#
# The catalog: msgmerge/old.po of ../shared/bench/gen_corpus.py (20,000
# messages of report prose, fixed seed) made markup-heavy and translated by
# bench/check-corpus.py.  Each round runs both tools once, one after the
# other, so that both see the same machine load (the peers' convention,
# bench_runner.py); the figure is the ratio of the median wall times, and
# CPU times (user+system) are shown too.  Results go to $W/check-results.md.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$TOP/../shared}
W=${W:-/tmp/l10n-bench-check}
ROUNDS=${ROUNDS:-7}
L10N=${L10N:-$TOP/build/l10n}
mkdir -p "$W"

command -v pofilter >/dev/null 2>&1 || "$TOP/scripts/install-deps" bench
[ -x "$L10N" ] || make -C "$TOP" >/dev/null
if [ ! -f "$W/corpus/msgmerge/old.po" ]; then
	python3 "$SHARED/bench/gen_corpus.py" --out "$W/corpus" --no-report --no-site >/dev/null
fi
python3 "$TOP/bench/check-corpus.py" "$W/corpus/msgmerge/old.po" "$W/check.po"
PO=$W/check.po
echo "catalog: $PO ($(grep -c '^msgid ' "$PO") entries with the header, $(wc -c < "$PO") bytes)"

# Untimed: what each tool finds on it (l10n check should find nothing: the
# pseudo-translation keeps every tag, name and value).
"$L10N" check --glossary="$TOP/po/glossary.tbx" "$PO" > "$W/l10n.out" || true
pofilter --progress=none "$PO" "$W/pofilter.po" 2>/dev/null || true
echo "l10n check: $(tail -1 "$W/l10n.out")"
echo "pofilter: $(grep -c '^msgid ' "$W/pofilter.po" 2>/dev/null || echo 0) entries flagged (with the header)"

python3 - "$ROUNDS" "$W" "$L10N" "$TOP/po/glossary.tbx" "$PO" <<'EOF'
import os, statistics, subprocess, sys, time
rounds, w, l10n, glossary, po = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
steps = [
    ("l10n check (every check)", [l10n, "check", "--glossary=" + glossary, po]),
    ("pofilter (defaults)", ["pofilter", "--progress=none", po, os.path.join(w, "pofilter.po")]),
]
wall = {n: [] for n, _ in steps}
cpu = {n: [] for n, _ in steps}
for r in range(rounds):
    for name, argv in steps:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall[name].append(time.perf_counter() - t0)
        cpu[name].append(ru.ru_utime + ru.ru_stime)
out = []
out.append("| tool | median wall s | min-max wall s | median CPU s |")
out.append("|---|---|---|---|")
for name, _ in steps:
    out.append("| %s | %.3f | %.3f-%.3f | %.3f |" % (name, statistics.median(wall[name]),
               min(wall[name]), max(wall[name]), statistics.median(cpu[name])))
a, b = steps[0][0], steps[1][0]
out.append("")
out.append("pofilter / l10n check: %.1fx (median wall, %d interleaved rounds), %.1fx (median CPU)" % (
    statistics.median(wall[b]) / statistics.median(wall[a]), rounds,
    statistics.median(cpu[b]) / statistics.median(cpu[a])))
text = "\n".join(out)
print(text)
open(os.path.join(w, "check-results.md"), "w").write(text + "\n")
EOF
