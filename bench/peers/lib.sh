# Helpers the side-by-side benchmark scripts of bench/peers share; each
# script sources this file after `cd`-ing to the repository root.

# same_threads gives the Go benchmark and the Python peer the same number
# of threads.
same_threads() {
  export GOMAXPROCS=$1 OMP_NUM_THREADS=$1 OPENBLAS_NUM_THREADS=$1 MKL_NUM_THREADS=$1
}

# field NAME reads a number out of the one-line JSON a peer script prints.
field() { sed -n "s/.*\"$1\": \([^,}]*\).*/\1/p"; }

# median and minimum of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
minimum() { printf '%s\n' "$@" | sort -g | head -1; }

# customers SIZE BENCH prints the customers of a size 10k, 100k or 1M (the
# sizes of Go benchmark BENCH*), or stops the script with a message.
customers() {
  case "$1" in
    10k) echo 10000 ;;
    100k) echo 100000 ;;
    1M) echo 1000000 ;;
    *) echo "N must be 10k, 100k or 1M (the sizes of $2*)" >&2; return 2 ;;
  esac
}

# use_lifetimes PEERS points Python at the peers' lifetimes and autograd
# and stops the script when lifetimes does not import.
use_lifetimes() {
  export PYTHONPATH=$1/lifetimes:$1/autograd
  /usr/bin/python3 -c 'import lifetimes' || { echo "lifetimes not importable; see $1/README.md" >&2; return 1; }
}

# peer_setup SIZE BENCH prepares a side-by-side fit benchmark of
# analysis/btyd: $threads (THREADS, default all cores) for both sides,
# lifetimes from $peers (PEERS, default ../shared/peers beside the
# checkout), $n the customers of size SIZE for the Go benchmark BENCH*,
# $python, a temporary $work removed on exit, and the package's test
# binary in $work/analysis.test.
peer_setup() {
  threads=${THREADS:-$(nproc)}
  peers=${PEERS:-$(cd .. && pwd)/shared/peers}
  n=$(customers "$1" "$2")
  same_threads "$threads"
  use_lifetimes "$peers"
  python=/usr/bin/python3
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  go test -c -o "$work/analysis.test" ./analysis/btyd/
}

# record TITLE copies its input to the terminal and appends it to
# bench/RESULTS.md under a heading with TITLE, the date and the machine.
record() {
  {
    echo
    echo "### $1 — $(date -u +%F) ($(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))"
    echo
    echo "\`$RECORD_COMMAND\`"
    echo
    cat
  } | tee -a bench/RESULTS.md
}
