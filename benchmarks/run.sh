#!/usr/bin/env bash
# Runs every benchmark and prints one markdown table (benchmark, value, unit, reference, ratio).
# Budget: under 10 minutes on the 2-core machine. Results land in benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

size=$((1 << 30))
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: benchmarks/run.sh [--size BYTES] [--runs N]" >&2; exit 2 ;;
  esac
done

# The throughput row wants nginx as the common server; without it both sides use the JDK's server.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing nginx from Debian's packages for the throughput comparison..." >&2
  (apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null 2>&1) \
    || echo "nginx could not be installed; using the JDK server" >&2
fi

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"

java -jar "$jar" -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff "$out/jmh.json" \
  'CallLatencyBenchmark|ManagerScaleBenchmark|StoreReopenBenchmark' >"$out/jmh.log"
java -cp "$jar" dev.bgcopy.benchmarks.ThroughputComparison --size "$size" --runs "$runs" --out "$out/throughput.json" >/dev/null
java -cp "$jar" dev.bgcopy.benchmarks.ReportTable "$out/jmh.json" "$out/throughput.json" | tee "$out/table.md"
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -srm); java $(java -version 2>&1 | head -1); date $(date -u +%F)"
