#!/usr/bin/env bash
# The Pareto/NBD fit against lifetimes: bench/peers/purchase.sh paretonbd
# (RUNS, N, PLAIN and THREADS as there).
exec "$(dirname "$0")/purchase.sh" paretonbd "$@"
