# Helpers the scale benchmarks (bench/run.sh, bench/extract.sh,
# bench/growth.sh) share; each script sources this file after `cd`-ing to
# the repository root.

# shop_size SIZE SCRIPT sets customers and orders for SIZE (small: 100k
# customers and 1M order rows; large: 1M and 10M), or stops with SCRIPT's
# usage.
shop_size() {
  case "$1" in
    small) customers=100000; orders=1000000 ;;
    large) customers=1000000; orders=10000000 ;;
    *) echo "usage: $2 small|large" >&2; exit 2 ;;
  esac
}

# job_config FILE DB OUT [LIST] writes the benchmark job's config to FILE:
# the database DB on the local MariaDB, the built-in queries, outputs in
# OUT, and outputs.customer_list LIST when given.
job_config() {
  cat > "$1" <<YAML
database: {host: 127.0.0.1, port: 3306, user: root, name: $2, query_timeout: 2h}
queries: {dir: ""}
jobs: [{name: bench, cron: "0 7 * * MON", time_zone: UTC, timeout: 2h, audiences: []}]
outputs: {dir: $3${4:+, customer_list: $4}}
YAML
}

# machine prints what a table's heading says of the machine.
machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(mariadb --version | awk '{print $5}' | tr -d ,)"
}
