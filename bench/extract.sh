#!/usr/bin/env bash
# The extract against its floor (issue 14), interleaved: ROUNDS times, the
# job's two statements through the mariadb client into /dev/null (the
# floor), then `custseg run` (customer list as csv.gz), whose extract step
# the manifest gives. On a machine whose speed drifts, only figures taken
# side by side compare. Appends a table to bench/RESULTS.md.
#
#   bench/extract.sh large   # 1M customers, 10M orders (ROUNDS=3)
#   bench/extract.sh small   # 100k customers, 1M orders
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
size=${1:-large}
rounds=${ROUNDS:-3}
shop_size "$size" bench/extract.sh
db=custseg_bench_$customers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/custseg" ./cmd/custseg
go run ./bench/gen --customers "$customers" --orders "$orders" --db "$db" --sql "$work/sql"
job_config "$work/custseg.yaml" "$db" "$work/out" csv.gz

secs() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
rows=""
for r in $(seq "$rounds"); do
  fc=$(secs mariadb --quick -h127.0.0.1 -uroot "$db" < "$work/sql/1-customers.sql")
  fo=$(secs mariadb --quick -h127.0.0.1 -uroot "$db" < "$work/sql/2-orders.sql")
  rm -rf "$work/out"
  "$work/custseg" run --config "$work/custseg.yaml" --as-of 2026-09-30 --dry-run > /dev/null 2> "$work/run.err" ||
    { cat "$work/run.err"; exit 1; }
  ex=$(python3 -c "import json,glob; print(json.load(open(glob.glob('$work/out/bench/*/manifest.json')[0]))['durations_ms']['extract']/1000)")
  ratio=$(echo "scale=2; $ex / ($fc + $fo)" | bc)
  echo "round $r: floor ${fc} s + ${fo} s, extract ${ex} s, ${ratio} ×" >&2
  rows="$rows| $r | ${fc} s + ${fo} s | ${ex} s | ${ratio} |"$'\n'
done
machine=$(machine)
{
  echo
  echo "### extract against its floor, interleaved: $size ($customers customers, $orders orders) — $(date -u +%F) ($machine)"
  echo
  echo "| round | floor: customers + orders statement (mariadb --quick) | custseg's extract step | extract ÷ floor |"
  echo "|---|---|---|---|"
  printf '%s' "$rows"
} | tee -a bench/RESULTS.md
