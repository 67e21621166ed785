#!/usr/bin/env bash
# Side-by-side benchmark of a purchase model's fit: custseg's FitBGNBD or
# FitParetoNBD (BenchmarkFitBGNBD1M, BenchmarkFitParetoNBD1M in
# analysis/btyd) against lifetimes' BetaGeoFitter or ParetoNBDFitter, on the
# same simulated customers (the CDNOW parameters, purchases by day, ages of
# 1 to 39 weeks):
#
#   1. the Go test binary writes the benchmark's customers to a CSV file,
#      every value exact to the last bit (TestWriteBenchCSV);
#   2. RUNS times, interleaved: the Go benchmark, lifetimes given the
#      distinct (x, t_x, T) triples with their counts as weights (grouping
#      included), and lifetimes as usually called, one row a customer
#      (skipped with PLAIN=0: at 1M it takes minutes). The first two fit
#      FITS times (default 3) in one process, after reading their data:
#      the first fit pays for what a process does once (on these virtual
#      machines chiefly memory touched for the first time, about 3 ms a
#      MB), the later ones cost what a fit costs in a process at work, as
#      in a custseg run, whose fits come after the customers' extract;
#   3. prints each run and, over the runs, the median of the first fits
#      and of the later fits, and their ratios, and appends the table to
#      bench/RESULTS.md.
#
# Both sides get the same threads: GOMAXPROCS = OMP_NUM_THREADS =
# OPENBLAS_NUM_THREADS = THREADS (default: all cores).
#
#   bench/peers/purchase.sh bgnbd            # 1M customers, 3 runs
#   RUNS=5 N=100k PLAIN=0 FITS=5 bench/peers/purchase.sh paretonbd
#
# Needs Debian's python3-numpy, python3-scipy and python3-pandas and the
# peers in $PEERS (default ../shared/peers beside the checkout; see its README.md). Nothing
# is written to the repository: the data live in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/peers/lib.sh
RECORD_COMMAND="RUNS=${RUNS:-3} N=${N:-1M} PLAIN=${PLAIN:-1} FITS=${FITS:-3} bench/peers/purchase.sh $*"
model=${1:-}
case "$model" in
  bgnbd) bench=BGNBD fitter=BetaGeoFitter ;;
  paretonbd) bench=ParetoNBD fitter=ParetoNBDFitter ;;
  *) echo "usage: bench/peers/purchase.sh bgnbd|paretonbd" >&2; exit 2 ;;
esac
runs=${RUNS:-3}
size=${N:-1M}
plain=${PLAIN:-1}
fits=${FITS:-3}
[ "$fits" -ge 2 ] || { echo "FITS must be 2 or more: the first fit and the later ones are reported apart" >&2; exit 2; }
peer_setup "$size" "BenchmarkFit$bench"
(cd analysis/btyd && "$work/analysis.test" -test.run '^TestWriteBenchCSV$' \
  -bench.csv "$work/customers.csv" -bench.n "$n" -bench.model "$model" > /dev/null)
echo "model: $model, customers: $n, threads: $threads, runs: $runs, $(uname -m), $(nproc) cores"

go_s=() go_later=() grouped_s=() grouped_later=() plain_s=()
for i in $(seq "$runs"); do
  out=$(cd analysis/btyd && "$work/analysis.test" -test.run '^$' -test.bench "^BenchmarkFit$bench$size\$" -test.benchtime 1x -test.count "$fits")
  times=($(echo "$out" | awk -v b="BenchmarkFit$bench$size" '$1 ~ "^"b {print $3/1e9}'))
  go_s+=("${times[0]}")
  later=$(median "${times[@]:1}")
  go_later+=("$later")
  go_est=$(echo "$out" | grep -o 'r=.*triples' | head -1)
  echo "run $i go:       first ${times[0]}s, later ${later}s  $go_est"

  j=$("$python" bench/peers/purchase_lifetimes.py "$model" "$work/customers.csv" grouped "$fits")
  grouped_s+=("$(echo "$j" | field seconds)")
  grouped_later+=("$(echo "$j" | field later_seconds)")
  lt_est=$(echo "$j" | sed 's/.*"rows": [0-9]*, //; s/}$//')
  echo "run $i grouped:  $j"

  if [ "$plain" = 1 ]; then
    j=$("$python" bench/peers/purchase_lifetimes.py "$model" "$work/customers.csv" plain)
    plain_s+=("$(echo "$j" | field seconds)")
    echo "run $i plain:    $j"
  fi
done

g=$(median "${go_s[@]}")
gl=$(median "${go_later[@]}")
row() { echo "$1 $2 $3 $g $gl" | awk '{
  if ($3 == "-") printf "| %s | %.3f | | %.1f | |\n", $1, $2, $2/$4
  else printf "| %s | %.3f | %.3f | %.1f | %.1f |\n", $1, $2, $3, $2/$4, $3/$5 }'; }
{
  echo "Estimates. custseg: $go_est; lifetimes: $lt_est."
  echo
  echo "| fit, $n customers, $threads threads, median of $runs runs | first fit s | later fits s | first ÷ custseg | later ÷ custseg |"
  echo "|---|---|---|---|---|"
  row "custseg_Fit$bench" "$g" "$gl" | tr _ ' '
  row "lifetimes_${fitter},_distinct_triples_+_weights" "$(median "${grouped_s[@]}")" "$(median "${grouped_later[@]}")" | tr _ ' '
  if [ "$plain" = 1 ]; then
    row "lifetimes_${fitter},_one_row_a_customer" "$(median "${plain_s[@]}")" - | tr _ ' '
  fi
} | record "$fitter against custseg's fit"
