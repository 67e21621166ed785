#!/usr/bin/env bash
# Growth (issue 14): `custseg run` at 10k, 100k, 1M and 3M customers (ten
# order rows each) on the demo shop in MariaDB, with the customer list as
# csv.gz (the documented setting above 300,000 customers), each size's
# database made by bench/gen (reused when present). For each size: wall
# time, peak RSS and the steps; for each step up, the exponent k of time
# and memory in N (time₂/time₁ = (N₂/N₁)^k). Appends a table to
# bench/RESULTS.md.
#
#   bench/growth.sh                      # 10000 100000 1000000 3000000
#   SIZES="10000 100000" bench/growth.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
sizes=${SIZES:-10000 100000 1000000 3000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/custseg" ./cmd/custseg

rows=""
prev_n="" prev_t="" prev_m=""
for n in $sizes; do
  db=custseg_bench_$n
  go run ./bench/gen --customers "$n" --orders $((n * 10)) --db "$db" >&2
  job_config "$work/custseg.yaml" "$db" "$work/out-$n" csv.gz
  /usr/bin/time -v "$work/custseg" run --config "$work/custseg.yaml" --as-of 2026-09-30 --dry-run \
    > "$work/run.out" 2> "$work/run.err" || { cat "$work/run.err"; exit 1; }
  t=$(grep "Elapsed (wall clock)" "$work/run.err" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  m=$(grep "Maximum resident set size" "$work/run.err" | awk '{print $NF}')
  steps=$(python3 -c "import json,glob; d=json.load(open(glob.glob('$work/out-$n/bench/*/manifest.json')[0]))['durations_ms']; print(' '.join(f'{k}={v/1000:.1f}s' for k,v in d.items() if k != 'connect'))")
  exps="—"
  if [ -n "$prev_n" ]; then
    exps=$(python3 -c "import math; r=math.log($n/$prev_n); print(f'time {math.log($t/$prev_t)/r:.2f}, memory {math.log($m/$prev_m)/r:.2f}')")
  fi
  echo "$n customers: ${t} s, $((m / 1024)) MiB; $exps" >&2
  rows="$rows| $n | $((n * 10)) | ${t} s | $((m / 1024)) | $exps | $steps |"$'\n'
  prev_n=$n prev_t=$t prev_m=$m
done
machine=$(machine)
{
  echo
  echo "### growth — $(date -u +%F) ($machine): \`custseg run\`, customer list as csv.gz"
  echo
  echo "| customers | order rows | wall | peak RSS (MiB) | exponent in N from the size before | steps |"
  echo "|---|---|---|---|---|---|"
  printf "%s" "$rows"
} | tee -a bench/RESULTS.md
