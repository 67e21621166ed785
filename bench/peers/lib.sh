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
