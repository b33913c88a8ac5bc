#!/usr/bin/env bash
# Runs `npm test` N times in a row while another command keeps the machine busy beside it, and
# prints each run's wall time and result: the "green on a busy machine" check of issue 20.
#   scripts/tests-beside.sh N 'command that keeps the machine busy'
# The busy command is run again and again until the N runs end. Default: cold builds of the
# biggest file in ../shared/corpus (cdl.bib), offline, into a scratch folder.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'kill -- -$beside 2>/dev/null; rm -rf "$work"' EXIT
default_busy="node bin/scholar-page build \"\$(find ../shared/corpus -name cdl.bib | head -1)\" --offline --force --cache-dir $work/cache --out $work/busy.html >/dev/null 2>&1"
busy=${2:-$default_busy}

set -m
(while :; do bash -c "$busy"; done) &
beside=$!
set +m
echo "beside: $busy"

failed_runs=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  npx vitest run --reporter=json --outputFile="$work/run$i.json" >"$work/run$i.log" 2>&1
  code=$?
  end=$(date +%s)
  summary=$(node -e 'const r=require(process.argv[1]);console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);for(const f of r.testResults)for(const a of f.assertionResults)if(a.status==="failed")console.log(`  failed: ${f.name.replace(process.cwd()+"/","")} > ${a.title}`)' "$work/run$i.json" 2>/dev/null || echo "no report")
  [ $code -eq 0 ] || failed_runs=$((failed_runs + 1))
  echo "run $i: $((end - start)) s, exit $code, $summary"
done
echo "$runs runs, $failed_runs with a failure"
[ $failed_runs -eq 0 ]
