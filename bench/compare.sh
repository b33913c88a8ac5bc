#!/bin/sh
# bench/compare.sh OTHER_CHECKOUT FILE.bib [ROUNDS]
# Cold builds of FILE.bib by another checkout of scholar-page (each with its own `npm run build`)
# and by this one, with bibtex2html, in turns, round by round: this machine's speed drifts by up to
# 40% within minutes, and in turns it weighs on each alike. Prints the medians and checks that the
# two pages are byte-identical. Each build: `bin/scholar-page build FILE.bib --offline`, from the
# start-up snapshot, its cache emptied before each run.
set -eu
other=$(cd "$1" && pwd); bib=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); rounds=${3:-11}
here=$(cd "$(dirname "$0")/.." && pwd); work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ms() { s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
for i in $(seq "$rounds"); do
  command -v bibtex2html >/dev/null && ms bibtex2html -nodoc -q -o "$work/b2h" "$bib" >> "$work/t.b2h"
  for who in other here; do
    eval dir=\$$who
    rm -rf "$work/cache-$who"
    SCHOLAR_PAGE_SNAPSHOT=require ms "$dir/bin/scholar-page" build "$bib" --out "$work/$who.html" --offline --cache-dir "$work/cache-$who" >> "$work/t.$who"
  done
done
median() { [ -s "$1" ] && sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " ms"}' || echo "not installed"; }
echo "bibtex2html $(median "$work/t.b2h") | $other $(median "$work/t.other") | $here $(median "$work/t.here")"
cmp -s "$work/other.html" "$work/here.html" && echo "pages byte-identical" || echo "pages differ"
