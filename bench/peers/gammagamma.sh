#!/usr/bin/env bash
# Side-by-side benchmark of the Gamma-Gamma fit: custseg's FitGammaGamma
# (BenchmarkFitGammaGamma1M in analysis/btyd/gammagamma_bench_test.go)
# against lifetimes' GammaGammaFitter, on the same simulated repeat buyers
# (the CDNOW parameters p = 6.25, q = 3.74, γ = 15.44; numbers of repeat
# purchases as in the CDNOW BG/NBD simulated by day; mean spends not
# rounded, so every customer is a distinct (x, m̄) pair):
#
#   1. the Go test binary writes the benchmark's customers to a CSV file,
#      every value exact to the last bit (TestGammaGammaWriteBenchCSV);
#   2. RUNS times, interleaved: the Go benchmark (one fit) and lifetimes as
#      usually called, one row a customer (its time includes the Hessian
#      it always computes);
#   3. prints each run, the min and median of each side and their ratio,
#      and appends the table to bench/RESULTS.md.
#
# Both sides get the same threads: GOMAXPROCS = OMP_NUM_THREADS =
# OPENBLAS_NUM_THREADS = THREADS (default: all cores).
#
#   bench/peers/gammagamma.sh              # 1M customers, 3 runs
#   RUNS=5 N=100k bench/peers/gammagamma.sh
#
# Needs Debian's python3-numpy, python3-scipy, python3-pandas and
# python3-dill and the peers in $PEERS (default ../shared/peers beside the
# checkout; see its README.md). Nothing is written to the repository: the
# data live in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/peers/lib.sh
RECORD_COMMAND="RUNS=${RUNS:-3} N=${N:-1M} bench/peers/gammagamma.sh"
runs=${RUNS:-3}
size=${N:-1M}
peer_setup "$size" "BenchmarkFitGammaGamma"
(cd analysis/btyd && "$work/analysis.test" -test.run '^TestGammaGammaWriteBenchCSV$' \
  -gammagamma.csv "$work/customers.csv" -gammagamma.n "$n" > /dev/null)
echo "customers: $n, threads: $threads, runs: $runs, $(uname -m), $(nproc) cores"

go_s=() lt_s=()
for i in $(seq "$runs"); do
  out=$(cd analysis/btyd && "$work/analysis.test" -test.run '^$' -test.bench "^BenchmarkFitGammaGamma$size\$" -test.benchtime 1x)
  s=$(echo "$out" | awk -v b="BenchmarkFitGammaGamma$size" '$1 ~ "^"b {print $3/1e9}')
  go_s+=("$s")
  echo "run $i go:        ${s}s  $(echo "$out" | grep -o 'p=.*' | head -1)"

  j=$("$python" bench/peers/gammagamma_lifetimes.py "$work/customers.csv")
  s=$(echo "$j" | field seconds)
  lt_s+=("$s")
  echo "run $i lifetimes: ${s}s  $j"
done

g=$(median "${go_s[@]}")
row() { echo "$1 $2 $3 $g" | awk '{printf "| %s | %.3f | %.3f | %.1f |\n", $1, $2, $3, $3/$4}'; }
{
  echo "| fit, $n customers, $threads threads, $runs runs | min s | median s | median ÷ custseg |"
  echo "|---|---|---|---|"
  row "custseg_FitGammaGamma" "$(minimum "${go_s[@]}")" "$g" | tr _ ' '
  row "lifetimes_GammaGammaFitter" "$(minimum "${lt_s[@]}")" "$(median "${lt_s[@]}")" | tr _ ' '
} | record "GammaGammaFitter against custseg's fit"
