#!/usr/bin/env bash
# The scale benchmark (issue 6): on one machine in one run, measure
#   1. the database floor: MariaDB's own time for the SQL the job sends,
#      through the mariadb client into /dev/null;
#   2. `custseg run` end to end, its steps (from the manifest) and peak RSS;
#   3. the workbook floor: a bare excelize StreamWriter writing as many rows
#      and columns as the Customers sheet;
# and append a table with the ratios to bench/RESULTS.md.
#
#   bench/run.sh small   # 100k customers, 1M orders
#   bench/run.sh large   # 1M customers, 10M orders
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
size=${1:-small}
shop_size "$size" bench/run.sh
db=custseg_bench_$customers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/custseg" ./cmd/custseg
go run ./bench/gen --customers "$customers" --orders "$orders" --db "$db" --sql "$work/sql"

# 1. Database floor: the orders statement alone (the issue's single-scan
# floor) and both statements the job sends (customers, orders), each in
# the job's session settings, streamed (--quick) as the job reads them.
floor_db=0
floor_orders=0
per_stmt=""
for f in "$work"/sql/*.sql; do
  s=$( { /usr/bin/time -f %e mariadb --quick -h127.0.0.1 -uroot "$db" < "$f" > /dev/null; } 2>&1 | tail -1)
  name=$(basename "$f" .sql)
  echo "db floor $name: ${s}s"
  per_stmt="$per_stmt ${name#*-}=${s}s"
  floor_db=$(echo "$floor_db + $s" | bc)
  case "$name" in *orders) floor_orders=$s ;; esac
done

# 2. The job, end to end.
job_config "$work/custseg.yaml" "$db" "$work/out"
# GOMEMLIMIT, when set in the environment, is passed on (see README, Scaling).
/usr/bin/time -v "$work/custseg" run --config "$work/custseg.yaml" --as-of 2026-09-30 --dry-run \
  > "$work/run.out" 2> "$work/run.err" || { cat "$work/run.err"; exit 1; }
wall=$(grep "Elapsed (wall clock)" "$work/run.err" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
rss=$(grep "Maximum resident set size" "$work/run.err" | awk '{print $NF}')
manifest=$(ls "$work"/out/bench/*/manifest.json)
steps=$(python3 -c "import json,sys; d=json.load(open('$manifest'))['durations_ms']; print(' '.join(f'{k}={v/1000:.1f}s' for k,v in d.items()))")
wb=$(python3 -c "import json; print(json.load(open('$manifest'))['durations_ms'].get('workbook',0)/1000)")
xlsx=$(ls "$work"/out/bench/*/*.xlsx)
html=$(ls "$work"/out/bench/*/*.html)

# 3. Workbook floor: as many rows as the workbook's sheets hold together
# (the Customers sheet, the segment sheets, the high-value-at-risk list),
# as many columns as the Customers sheet.
read -r cols wbrows < <(python3 - "$xlsx" <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
x = z.read('xl/worksheets/sheet2.xml')[:200000].decode('utf-8', 'replace')
m = re.search(r'<row r="3"[^>]*>(.*?)</row>', x)
cols = len(re.findall(r'<c ', m.group(1))) if m else 34
rows = 0
for name in z.namelist():
    if not re.match(r'xl/worksheets/sheet\d+\.xml$', name):
        continue
    tail = b''
    with z.open(name) as f:
        while True:
            b = f.read(1 << 24)
            if not b:
                break
            tail = (tail + b)[-65536:]
    last = re.findall(rb'<row r="(\d+)"', tail)
    if last and int(last[-1]) > 1000:
        rows += int(last[-1])
print(cols, rows)
PY
)
floor_wb=$(go run ./bench/wbfloor --rows "$wbrows" --cols "$cols")

ratio_run=$(echo "scale=2; $wall / ($floor_db + $floor_wb)" | bc)
ratio_orders=$(echo "scale=2; $wall / ($floor_orders + $floor_wb)" | bc)
ratio_wb=$(echo "scale=2; $wb / $floor_wb" | bc)
html_mb=$(echo "scale=2; $(stat -c %s "$html") / 1048576" | bc)
machine=$(machine)
{
  echo
  echo "### $size: $customers customers, $orders orders — $(date -u +%F) ($machine)"
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| database floor: the orders statement alone | ${floor_orders} s |"
  echo "| database floor: every statement the job sends | ${floor_db} s (${per_stmt# }) |"
  echo "| workbook floor (bare StreamWriter, $wbrows rows × $cols columns) | ${floor_wb} s |"
  echo "| custseg run, wall | ${wall} s |"
  echo "| run ÷ (orders floor + workbook floor) | ${ratio_orders} |"
  echo "| run ÷ (all statements' floor + workbook floor) | ${ratio_run} |"
  echo "| workbook step ÷ workbook floor | ${ratio_wb} |"
  echo "| peak RSS | $((rss / 1024)) MB${GOMEMLIMIT:+ (GOMEMLIMIT=$GOMEMLIMIT)} |"
  echo "| HTML report size | ${html_mb} MB |"
  echo "| steps (manifest) | $steps |"
} | tee -a bench/RESULTS.md
