#!/bin/sh
# bench/compare.sh OTHER_CHECKOUT FILE.bib [ROUNDS]
# Cold builds of FILE.bib by another checkout of scholar-page (each with its own `npm run build`)
# and by this one, with bibtex2html, in turns, round by round, the two builds' order swapped every
# round: this machine's speed drifts by up to 40% within minutes, and in turns it weighs on each
# alike. Prints the medians and checks that the two pages are byte-identical. Each build:
# `bin/scholar-page build FILE.bib --offline`, its cache emptied before each run (an older checkout
# that has a start-up snapshot starts without it: SCHOLAR_PAGE_SNAPSHOT=0); a build that fails stops the comparison. Needs GNU date (Linux), for nanoseconds.
set -eu
other=$(cd "$1" && pwd); bib=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); rounds=${3:-11}
here=$(cd "$(dirname "$0")/.." && pwd); work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s%N; }
build() { # build WHO: one cold build, its time appended to $work/t.WHO
  eval dir=\$$1
  rm -rf "$work/cache-$1"
  s=$(now)
  if ! SCHOLAR_PAGE_SNAPSHOT=0 "$dir/bin/scholar-page" build "$bib" --out "$work/$1.html" --offline --cache-dir "$work/cache-$1" >/dev/null 2>"$work/err"; then
    echo "compare: the build by $dir failed:" >&2; tail -3 "$work/err" >&2; exit 1
  fi
  echo $(( ($(now) - s) / 1000000 )) >> "$work/t.$1"
}
for i in $(seq "$rounds"); do
  if command -v bibtex2html >/dev/null; then
    s=$(now); bibtex2html -nodoc -q -o "$work/b2h" "$bib" >/dev/null 2>&1 || true
    echo $(( ($(now) - s) / 1000000 )) >> "$work/t.b2h"
  fi
  if [ $((i % 2)) -eq 1 ]; then build other; build here; else build here; build other; fi
done
median() { if [ -s "$1" ]; then sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " ms"}'; else echo "not installed"; fi; }
echo "bibtex2html $(median "$work/t.b2h") | $other $(median "$work/t.other") | $here $(median "$work/t.here")"
if cmp -s "$work/other.html" "$work/here.html"; then echo "pages byte-identical"; else echo "pages differ"; fi
