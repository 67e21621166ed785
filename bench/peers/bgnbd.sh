#!/usr/bin/env bash
# The BG/NBD fit against lifetimes: bench/peers/purchase.sh bgnbd (RUNS,
# N, PLAIN and THREADS as there).
exec "$(dirname "$0")/purchase.sh" bgnbd "$@"
