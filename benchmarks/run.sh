#!/usr/bin/env bash
# bgcopy's benchmarks: whole-process downloads against curl, wget and aria2c from nginx on 127.0.0.1, and the
# JMH call-latency classes. Prints markdown tables; raw results land in benchmarks/target/results/.
#
#   benchmarks/run.sh                      every case, 5 interleaved runs each (about 8 minutes on a quiet 2-core machine)
#   benchmarks/run.sh --quick              2 runs, 256 MiB instead of 1 GiB, short JMH iterations
#   benchmarks/run.sh --case throughput    one case (repeatable): throughput | many | cap | foreground | jmh
#   benchmarks/run.sh --runs N --size BYTES --skip-build
#
# Installs nothing. Needs (Debian package names): nginx (or nginx-light), curl, wget, aria2, time (GNU time, for
# whole-process CPU and max RSS), a JDK 17 and Maven. MVN_FLAGS (e.g. -o) is passed to the build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() {
  echo "usage: benchmarks/run.sh [--quick] [--runs N] [--size BYTES] [--case throughput|many|cap|foreground|jmh]... [--skip-build]" >&2
  exit 2
}

runs=5
size=$((1 << 30))
quick=false
build=true
cases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; runs=2; size=$((256 << 20)); shift ;;
    --runs) [ $# -ge 2 ] || usage; runs="$2"; shift 2 ;;
    --size) [ $# -ge 2 ] || usage; size="$2"; shift 2 ;;
    --case)
      [ $# -ge 2 ] || usage
      case "$2" in throughput|many|cap|foreground|jmh) cases+=("$2") ;; *) usage ;; esac
      shift 2 ;;
    --skip-build) build=false; shift ;;
    *) usage ;;
  esac
done
[ ${#cases[@]} -gt 0 ] || cases=(throughput many cap foreground jmh)
wants() { [[ " ${cases[*]} " == *" $1 "* ]]; }

# --- what the machine must already have ---------------------------------------------------------------------
missing=()
nginx_bin=$(command -v nginx || true)
[ -n "$nginx_bin" ] || { [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx; } || missing+=("nginx (Debian: nginx or nginx-light)")
for tool in curl wget aria2c java mvn; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ! /usr/bin/time --version 2>&1 | grep -q GNU; then
  missing+=("GNU time as /usr/bin/time (Debian: time)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "benchmarks/run.sh: missing: ${missing[*]}" >&2
  echo "On Debian: apt-get install nginx-light curl wget aria2 time (and a JDK 17 with Maven); this script installs nothing." >&2
  exit 3
fi

if $build; then
  # shellcheck disable=SC2086
  mvn -B -ntp -q ${MVN_FLAGS:-} -pl benchmarks,cli -am package -DskipTests
fi
bench_jar=$root/benchmarks/target/benchmarks.jar
out=$root/benchmarks/target/results
mkdir -p "$out"

# --- nginx on 127.0.0.1, serving from the page cache ---------------------------------------------------------
work=$(mktemp -d /tmp/bgcopy-bench.XXXXXX)
chmod 755 "$work"   # nginx's workers read the files as an unprivileged user when run as root
nginx_pid=
cleanup() {
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

www=$work/www
mkdir -p "$www" "$work/tmp" "$work/out"
port=$(free_port)
base=http://127.0.0.1:$port
log=$work/access.log
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 256; }
http {
  log_format timing '\$msec \$request_time \$body_bytes_sent \$status \$uri';
  access_log $log timing;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$port; root $www; }
}
EOF
"$nginx_bin" -c "$work/nginx.conf" -p "$work" >"$work/nginx.out" 2>&1 &
nginx_pid=$!
for _ in $(seq 1 200); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx failed to start:" >&2; cat "$work/nginx.out" "$work/error.log" >&2; exit 1; }
  sleep 0.05   # a start-up probe of a foreign server, not synchronisation of our own code
done
touch "$log"

# --- one timed run of one client ------------------------------------------------------------------------------
# run_client CASE CLIENT RUN EXPECTED-BYTES COMMAND...: runs COMMAND under GNU time inside a fresh $work/out,
# checks the bytes it wrote, and appends to runs.tsv what nginx saw of it (the span from its first request's
# start to its last request's end, the sum of its requests' $request_time, the bytes sent) and the process's
# CPU and max RSS. Returns the command's exit code; a failed run records nothing.
tsv=$out/runs.tsv
run_client() {
  local case_name=$1 client=$2 run=$3 expected=$4
  shift 4
  rm -rf "$work/out" && mkdir -p "$work/out"
  local before rc=0
  before=$(wc -l <"$log")
  (cd "$work/out" && /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$work/client.out" 2>&1) || rc=$?
  if [ $rc -ne 0 ]; then
    echo "$client failed with exit code $rc: $(tail -3 "$work/client.out")" >&2
    return $rc
  fi
  local written
  written=$(find "$work/out" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  if [ "$written" != "$expected" ]; then
    echo "$client wrote $written bytes, expected $expected" >&2
    exit 1
  fi
  read -r wall user sys rss <"$work/time.txt"
  tail -n +"$((before + 1))" "$log" | awk -v c="$case_name" -v cl="$client" -v r="$run" \
      -v wall="$wall" -v cpu="$(echo "$user $sys" | awk '{ print $1 + $2 }')" -v rss="$rss" '
    { end = $1; start = $1 - $2; sum += $2; bytes += $3; n++
      if (n == 1 || start < first) first = start; if (n == 1 || end > last) last = end }
    END { printf "%s\t%s\t%d\t%.3f\t%.3f\t%d\t%d\t%.2f\t%d\t%.2f\n", c, cl, r, last - first, sum, bytes, n, cpu, rss, wall }' >>"$tsv"
  rm -rf "$work/out"
}

printf 'case\tclient\trun\tspan_s\trequest_time_sum_s\tbytes\trequests\tcpu_s\tmax_rss_kib\twall_s\n' >"$tsv"
java_cmd=(java -Xmx64m)
simulator=("${java_cmd[@]}" -cp "$bench_jar" dev.bgcopy.benchmarks.SimulatorLauncher)
# The CLI runs as users run it, through the ./bgcopy launcher (its JVM options included), with the heap limit on top.
export BGCOPY_JAVA_OPTS=-Xmx64m
bgcopy=("$root/bgcopy" --store :memory:)
"$root/bgcopy" --version >/dev/null   # the launcher rebuilds a stale jar here, never inside a timed run
notes=$out/notes.txt
: >"$notes"

if wants throughput; then
  head -c "$size" /dev/urandom >"$www/big.bin"
  cat "$www/big.bin" >/dev/null   # into the page cache
  url=$base/big.bin
  for run in $(seq 1 "$runs"); do
    run_client throughput curl "$run" "$size" curl -sS --fail -o big.bin "$url"
    run_client throughput wget "$run" "$size" wget -q -O big.bin "$url"
    run_client throughput "aria2c -x1" "$run" "$size" aria2c -q -x1 --allow-overwrite=true -o big.bin "$url"
    run_client throughput "bgcopy CLI" "$run" "$size" "${bgcopy[@]}" download "$url" big.bin
    run_client throughput "bgcopy CLI, C1 only" "$run" "$size" \
      env BGCOPY_JAVA_OPTS="-Xmx64m -XX:TieredStopAtLevel=1" "${bgcopy[@]}" download "$url" big.bin
    run_client throughput "simulator launcher" "$run" "$size" "${simulator[@]}" . "$url"
    echo "throughput run $run of $runs done" >&2
  done
  rm -f "$www/big.bin"
fi

if wants many; then
  count=1000
  mkdir -p "$www/many"
  head -c $((count * 65536)) /dev/urandom | (cd "$www/many" && split -b 65536 -d -a 4 - f)
  cat "$www"/many/* >/dev/null
  list=$work/urls.txt
  for f in "$www"/many/*; do echo "$base/many/${f##*/}"; done >"$list"
  mapfile -t urls <"$list"
  total=$((count * 65536))
  for run in $(seq 1 "$runs"); do
    run_client many "wget -i" "$run" "$total" wget -q -i "$list"
    run_client many "curl (one process, sequential)" "$run" "$total" curl -sS --fail --remote-name-all "${urls[@]}"
    run_client many "aria2c -i (-j5)" "$run" "$total" aria2c -q --allow-overwrite=true -i "$list"
    run_client many "simulator launcher (one job)" "$run" "$total" "${simulator[@]}" . -i "$list"
    echo "many-files run $run of $runs done" >&2
  done
  rm -rf "$www/many"
fi

if wants cap; then
  cap_size=$((200 << 20))
  $quick && cap_size=$((40 << 20))
  head -c "$cap_size" /dev/urandom >"$www/cap.bin"
  cat "$www/cap.bin" >/dev/null
  rate=$((20 << 20))
  cap_runs=$runs
  [ "$cap_runs" -gt 3 ] && cap_runs=3   # 10 s each at the cap: 3 runs keep the whole script bounded
  for run in $(seq 1 "$cap_runs"); do
    if ! run_client cap "simulator launcher maxBackgroundBandwidth=$rate" "$run" "$cap_size" \
        "${simulator[@]}" "maxBackgroundBandwidth=$rate" . "$base/cap.bin"; then
      echo "cap case unavailable: $(tail -1 "$work/client.out")" | tee -a "$notes" >&2
      break
    fi
    if ! run_client cap "bgcopy CLI --max-rate 20MiB/s" "$run" "$cap_size" \
        "${bgcopy[@]}" --max-rate 20MiB/s download "$base/cap.bin" cap.bin; then
      echo "cap case (CLI) unavailable: $(tail -1 "$work/client.out")" | tee -a "$notes" >&2
      break
    fi
  done
  rm -f "$www/cap.bin"
fi

foreground_tsv=$out/foreground.tsv
rm -f "$foreground_tsv"
if wants foreground; then
  # 4 NORMAL jobs hold the 4 slots (1 MiB/s each under a 4 MiB/s background cap, so they keep them); then a
  # FOREGROUND job of 1 MiB is resumed. The launcher reports, from inside the process, when the job reached
  # TRANSFERRING and got its first byte; nginx's log gives when its request started, against the resume.
  head -c $((256 << 20)) /dev/urandom >"$www/busy.bin"
  head -c $((1 << 20)) /dev/urandom >"$www/urgent.bin"
  cat "$www/busy.bin" "$www/urgent.bin" >/dev/null
  printf 'run\tms_to_transferring\tms_to_first_byte\tms_to_request_at_server\tnormal_still_transferring\n' >"$foreground_tsv"
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/out" && mkdir -p "$work/out"
    before=$(wc -l <"$log")
    if ! "${java_cmd[@]}" -cp "$bench_jar" dev.bgcopy.benchmarks.ForegroundLauncher maxConcurrentTransfers=4 \
        maxBackgroundBandwidth=$((4 << 20)) "$work/out" "$base/busy.bin" "$base/urgent.bin" >"$work/fg.out" 2>"$work/fg.err"; then
      echo "foreground case failed: $(tail -1 "$work/fg.err")" | tee -a "$notes" >&2
      break
    fi
    read -r epoch_ms to_transferring to_first_byte still <"$work/fg.out"
    request_start=$(tail -n +"$((before + 1))" "$log" | awk '$5 == "/urgent.bin" && $4 == 200 { printf "%.0f", ($1 - $2) * 1000; exit }')
    printf '%d\t%s\t%s\t%d\t%d\n' "$run" "$to_transferring" "$to_first_byte" "$((request_start - epoch_ms))" "$still" >>"$foreground_tsv"
    echo "foreground run $run of $runs done" >&2
  done
  rm -f "$www/busy.bin" "$www/urgent.bin"
fi

kill "$nginx_pid" && wait "$nginx_pid" 2>/dev/null || true
nginx_pid=

if wants jmh; then
  if $quick; then jmh_iterations=(-wi 1 -w 1s -i 2 -r 1s); else jmh_iterations=(-wi 3 -w 1s -i 5 -r 1s); fi
  java -jar "$bench_jar" -f 1 "${jmh_iterations[@]}" -rf json -rff "$out/jmh.json" \
    'BindingFloorBenchmark|CallLatencyBenchmark|ProgressUnderLoadBenchmark|ManagerScaleBenchmark|StoreReopenBenchmark' \
    >"$out/jmh.log" 2>&1
  grep -h "TRANSFERRING at setup\|unavailable" "$out/jmh.log" | sed 's/^# Warmup Iteration *[0-9]*: //' | sort -u >>"$notes" || true
else
  rm -f "$out/jmh.json"
fi

java -cp "$bench_jar" dev.bgcopy.benchmarks.ReportTable "$tsv" "$out/jmh.json" "$notes" "$foreground_tsv" | tee "$out/table.md"
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), \
$(free -g | awk '/Mem:/{ print $2 }') GiB, $(uname -srm); $(java -version 2>&1 | head -1); \
$("$nginx_bin" -v 2>&1 | sed 's/.*: //'); $(date -u '+%F %H:%M UTC'); runs: $runs" | tee -a "$out/table.md"
