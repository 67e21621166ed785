#!/usr/bin/env bash
# Side-by-side benchmark of k-means: custseg's Fit (BenchmarkFit1M in
# analysis/kmeans/fit_bench_test.go: k = 5, the best of 10 starts, at most
# 300 iterations, tolerance kmeans.DefaultTol) against scikit-learn's
# KMeans(n_clusters=5, n_init=10, init="k-means++", algorithm="lloyd") at
# its default tol (1e-4, the same rule), on the same 1M × 4 standardised
# customers' features:
#
#   1. the Go test binary writes the benchmark's matrix to a CSV file,
#      every value exact to the last bit (TestKMeansWriteBenchCSV);
#   2. RUNS times, interleaved: the Go benchmark (one fit of 10 starts) and
#      scikit-learn (bench/peers/kmeans_sklearn.py, the fit alone timed);
#   3. prints each run, the min and median of each side, both inertias
#      and their relative difference, and the ratio of the medians, and
#      appends the table to bench/RESULTS.md.
#
# Both sides get the same threads: GOMAXPROCS = OMP_NUM_THREADS =
# OPENBLAS_NUM_THREADS = THREADS (default: all cores). TOL=0 runs both
# sides until no label changes (BenchmarkFit1MTol0, tol=0).
#
#   bench/peers/kmeans.sh              # 3 runs
#   RUNS=5 THREADS=1 bench/peers/kmeans.sh
#
# Needs Debian's python3-sklearn (apt-get install -y python3-sklearn).
# Nothing is written to the repository: the data live in a temporary
# directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/peers/lib.sh
RECORD_COMMAND="RUNS=${RUNS:-3} TOL=${TOL:-1e-4} bench/peers/kmeans.sh"
runs=${RUNS:-3}
threads=${THREADS:-$(nproc)}
tol=${TOL:-1e-4}
case "$tol" in
  1e-4) bench=BenchmarkFit1M ;;
  0) bench=BenchmarkFit1MTol0 ;;
  *) echo "TOL must be 1e-4 (the default) or 0 (the tolerances of BenchmarkFit1M*)" >&2; exit 2 ;;
esac
same_threads "$threads"
python=/usr/bin/python3
"$python" -c 'import sklearn' || { echo "scikit-learn not importable: apt-get install -y python3-sklearn" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/kmeans.test" ./analysis/kmeans/
(cd analysis/kmeans && "$work/kmeans.test" -test.run '^TestKMeansWriteBenchCSV$' \
  -kmeans.csv "$work/rows.csv" > /dev/null)
echo "rows: 1000000 × 4, k: 5, starts: 10, tol: $tol, threads: $threads, runs: $runs, $(uname -m), $(nproc) cores"
echo "scikit-learn $("$python" -c 'import sklearn; print(sklearn.__version__)'), $(go version | cut -d' ' -f3)"

go_s=() sk_s=()
go_w='' sk_w=''
for i in $(seq "$runs"); do
  out=$(cd analysis/kmeans && "$work/kmeans.test" -test.run '^$' -test.bench "^$bench\$" -test.benchtime 1x)
  line=$(echo "$out" | grep "^$bench-")
  s=$(echo "$line" | awk '{print $3/1e9}')
  go_w=$(echo "$out" | sed -n 's/.*: inertia \([0-9.e+-]*\)$/\1/p' | head -1)
  go_s+=("$s")
  echo "run $i go:      ${s}s  inertia $go_w"

  j=$("$python" bench/peers/kmeans_sklearn.py "$work/rows.csv" "$tol")
  s=$(echo "$j" | field seconds)
  sk_w=$(echo "$j" | field inertia)
  sk_s+=("$s")
  echo "run $i sklearn: ${s}s  $j"
done

g=$(median "${go_s[@]}")
sk=$(median "${sk_s[@]}")
{
  echo "| k = 5, 10 starts, 1M × 4, tol $tol, $threads threads, $runs runs | min s | median s | inertia | ÷ scikit-learn (median) |"
  echo "|---|---|---|---|---|"
  echo "custseg_Fit $(minimum "${go_s[@]}") $g $go_w $sk" | awk '{printf "| %s | %.2f | %.2f | %s | %.2f |\n", $1, $2, $3, $4, $3/$5}' | tr _ ' '
  echo "scikit-learn_KMeans $(minimum "${sk_s[@]}") $sk $sk_w" | awk '{printf "| %s | %.2f | %.2f | %s | 1 |\n", $1, $2, $3, $4}' | tr _ ' '
  echo "$go_w $sk_w" | awk '{d = ($1 - $2) / $2; printf "\ninertia (custseg − scikit-learn) / scikit-learn: %.2e\n", d}'
} | record "scikit-learn KMeans against custseg's k-means"
