#!/usr/bin/env bash
# Keypool connection bench: 10,000 concurrent streams, then many idle kept-alive connections, each
# against a fresh gateway with a 1 GiB heap, reporting memory (RSS, heap) and descriptor figures.
# See bench/README.md ("Connections").
#   bench/connections.sh                                        both runs (about 4 minutes)
#   BENCH_FLOOD_STREAMS=2000 BENCH_IDLE_CONNECTIONS=5000 bench/connections.sh   smaller, while developing
# Everything listens on 127.0.0.1 (idle clients bind 127.0.0.2..); every wait is bounded; every process
# started here is stopped on exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

STREAMS="${BENCH_FLOOD_STREAMS:-10000}"          # concurrent streams of the first run
STREAM_EVENTS="${BENCH_FLOOD_EVENTS:-30}"        # SSE events per stream ...
STREAM_DELAY_MS="${BENCH_FLOOD_DELAY_MS:-500}"   # ... this far apart: 15 s per stream, all open at once
RAMP_SECONDS="${BENCH_FLOOD_RAMP:-10}"
IDLE="${BENCH_IDLE_CONNECTIONS:-50000}"          # kept-alive idle connections of the second run
HOLD_SECONDS="${BENCH_IDLE_HOLD:-30}"            # longer than the 10 s header deadline
RUNS="${BENCH_CONN_RUNS:-streams idle}"          # which runs, e.g. "streams" alone
UPSTREAM_PORT=18081 PROXY_PORT=18080 ADMIN_PORT=19090
HEAP="${BENCH_HEAP:--Xmx1g}"
# shellcheck source=common.sh
. "$root/bench/common.sh"

mkdir -p "$work" "$results_dir"
# shellcheck source=../scripts/java-home.sh
. "$root/scripts/java-home.sh"
keypool_find_java || die "no JDK 21+"
# shellcheck source=../scripts/open-files.sh
. "$root/scripts/open-files.sh"
# Client and server each hold one descriptor per connection: ask for all the hard limit gives.
keypool_raise_open_files $((IDLE + 20000)) || true
fd_limit="$(ulimit -Sn)"
bench_build
for port in $UPSTREAM_PORT $PROXY_PORT $ADMIN_PORT; do
  port_in_use "$port" && die "port $port on 127.0.0.1 is already in use; stop what listens there"
done

wait_port() { # port pid seconds
  for _ in $(seq 1 $(($3 * 5))); do
    kill -0 "$2" 2>/dev/null || return 1
    port_in_use "$1" && return 0
    sleep 0.2
  done
  return 1
}

log "starting bench upstream on 127.0.0.1:$UPSTREAM_PORT ($STREAM_EVENTS events, ${STREAM_DELAY_MS} ms apart)"
"${java_bench[@]}" dev.keypool.bench.BenchUpstream --port "$UPSTREAM_PORT" --events "$STREAM_EVENTS" \
  --event-delay-ms "$STREAM_DELAY_MS" >"$work/conn-upstream.log" 2>&1 &
upstream_pid=$!
pids+=("$upstream_pid")
wait_port "$UPSTREAM_PORT" "$upstream_pid" 30 || die "bench upstream did not start (target/bench/conn-upstream.log)"

# Starts a gateway with the environment overrides given; sets gw_pid.
start_gateway() { # name overrides...
  local name="$1"
  shift
  rm -f "$work"/keypool-conn.db*
  # shellcheck disable=SC2086
  env "$@" KEYPOOL__STORAGE__URL="jdbc:sqlite:$work/keypool-conn.db" \
    "$JAVA_HOME/bin/java" $HEAP ${KEYPOOL_JAVA_OPTS:-} -jar target/keypool.jar serve --config bench/keypool-bench.yaml \
    >"$work/conn-$name.log" 2>&1 &
  gw_pid=$!
  pids+=("$gw_pid")
  wait_port "$PROXY_PORT" "$gw_pid" 60 && wait_port "$ADMIN_PORT" "$gw_pid" 30 \
    || die "gateway did not start (target/bench/conn-$name.log)"
}

stop_gateway() {
  kill "$gw_pid" 2>/dev/null || true
  wait "$gw_pid" 2>/dev/null || true
}

# Samples the gateway once a second until it exits or the file sample.stop appears: RSS (KiB),
# descriptors, heap used (KiB, from jstat) and live threads.
sample() { # pid outfile
  local pid="$1" out="$2" rss fds heap
  : >"$out"
  rm -f "$out.stop"
  while kill -0 "$pid" 2>/dev/null && [ ! -f "$out.stop" ]; do
    rss="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    fds="$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
    heap="$("$JAVA_HOME/bin/jstat" -gc "$pid" 2>/dev/null | awk 'NR==2 {printf "%d", $3+$4+$6+$8}')"
    echo "$(date +%s) ${rss:-0} $fds ${heap:-0}" >>"$out"
    sleep 1
  done
}
peak() { awk -v c="$2" 'BEGIN {m=0} $c > m {m=$c} END {print m}' "$1"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
result_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
cap_line() { grep -o 'open-file limit [0-9]*: proxy up to [0-9]* connections[^"]*' "$1" | head -n 1 | cut -c1-200; }

# ---------------------------------------------------------------------------------------------
# 1. Concurrent streams: the upstream pool (2 x 4,500 on two event loops) bounds upstream
# descriptors; streams past it wait for a connection rather than fail.
flood="RESULT not_run=1" streams_cap="" idle_cap="" rate="RESULT not_run=1" health_code="" held_open=""
idle_target=0 idle_note=""
if [[ " $RUNS " == *" streams "* ]]; then
log "run 1: $STREAMS concurrent streams (heap $HEAP)"
start_gateway streams KEYPOOL__LISTENERS__PROXY__MAX_CONNECTIONS=$((STREAMS + 500)) \
  KEYPOOL__PROVIDERS__0__MAX_CONNECTIONS=4500 KEYPOOL__PROVIDERS__0__TIMEOUTS__TOTAL=300s \
  KEYPOOL__PROVIDERS__0__TIMEOUTS__IDLE=30s
# A running gateway is warm: one stream first, so one-time start-up work is not part of the flood.
curl -s -o /dev/null --max-time 60 -X POST -H 'content-type: application/json' -H "authorization: Bearer $GATEWAY_KEY" \
  -d '{"model":"bench-model","stream":true,"messages":[{"role":"user","content":"hi"}]}' \
  "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" || true
sample "$gw_pid" "$work/conn-streams.samples" &
pids+=("$!")
flood="$(timeout 400 "${java_bench[@]}" dev.keypool.bench.StreamFlood \
  --url "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" --auth "$GATEWAY_KEY" --count "$STREAMS" \
  --ramp-seconds "$RAMP_SECONDS" --seconds 300 --health "http://127.0.0.1:$ADMIN_PORT/health" \
  2>"$work/conn-flood.err" | grep '^RESULT' || echo "RESULT failed_to_run=1")"
touch "$work/conn-streams.samples.stop"
streams_cap="$(cap_line "$work/conn-streams.log")"
stop_gateway
log "run 1: $flood"
fi

# 2. Idle kept-alive connections, as many as the descriptor limit lets one gateway hold.
if [[ " $RUNS " == *" idle "* ]]; then
proxy_room=$((fd_limit - 256 - 128 - 512 - 256 - 300))
idle_target="$IDLE"
idle_note=""
if [ "$proxy_room" -lt "$idle_target" ]; then
  idle_target="$proxy_room"
  idle_note="scaled down from $IDLE: the open-file limit is $fd_limit (hard $(ulimit -Hn)) in this environment"
fi
log "run 2: $idle_target idle connections held ${HOLD_SECONDS}s ${idle_note:+($idle_note)}"
start_gateway idle KEYPOOL__LISTENERS__PROXY__MAX_CONNECTIONS=$((IDLE + 1000))
sample "$gw_pid" "$work/conn-idle.samples" &
pids+=("$!")
# Each client process holds up to 15,000 sockets, over 4 source addresses of its own.
per_client=15000
clients=$(( (idle_target + per_client - 1) / per_client ))
for c in $(seq 0 $((clients - 1))); do
  n=$(( c == clients - 1 ? idle_target - c * per_client : per_client ))
  timeout $((HOLD_SECONDS + 400)) "${java_bench[@]}" dev.keypool.bench.IdleHold --port "$PROXY_PORT" \
    --auth "$GATEWAY_KEY" --count "$n" --hold-seconds "$HOLD_SECONDS" --hosts 4 --first-host $((2 + 4 * c)) \
    >"$work/conn-idle-$c.txt" 2>&1 &
  pids+=("$!")
done
# While they are held: other requests at a fixed rate, and the admin port.
for _ in $(seq 1 300); do
  opened=0
  for c in $(seq 0 $((clients - 1))); do grep -q '^OPENED' "$work/conn-idle-$c.txt" 2>/dev/null && opened=$((opened + 1)); done
  [ "$opened" = "$clients" ] && break
  sleep 1
done
held_open="$(find "/proc/$gw_pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
timeout 120 "${java_bench[@]}" dev.keypool.bench.RateLoad --label idle --url "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" \
  --rate 200 --seconds 10 --warmup 2 --auth "$GATEWAY_KEY" >"$work/conn-rate.txt" 2>&1 || true
rate="$(grep '^RESULT' "$work/conn-rate.txt" || echo "RESULT failed_to_run=1")"
health_code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$ADMIN_PORT/health" || echo 000)"
for _ in $(seq 1 $((HOLD_SECONDS + 400))); do
  finished=0
  for c in $(seq 0 $((clients - 1))); do grep -q '^RESULT' "$work/conn-idle-$c.txt" 2>/dev/null && finished=$((finished + 1)); done
  [ "$finished" = "$clients" ] && break
  sleep 1
done
touch "$work/conn-idle.samples.stop"
idle_cap="$(cap_line "$work/conn-idle.log")"
stop_gateway
fi
sum_field() { cat "$work"/conn-idle-*.txt 2>/dev/null | grep '^RESULT' | sed -n "s/.* $1=\([0-9]*\).*/\1/p" | awk '{s+=$1} END {print s+0}'; }

# ---------------------------------------------------------------------------------------------
report="$results_dir/connections-$stamp.md"
{
  echo "# Keypool connection bench $stamp"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); host: $(uname -srm), $(nproc) cores; gateway $HEAP; open-file limit $fd_limit (hard $(ulimit -Hn))"
  echo
  echo "## $STREAMS concurrent streams ($STREAM_EVENTS events ${STREAM_DELAY_MS} ms apart, opened over ${RAMP_SECONDS}s)"
  echo
  echo "| completed | failed | unfinished | peak open | /health ok / failed during the run | /health slowest | peak RSS | peak heap used | peak descriptors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| $(result_field "$flood" completed) | $(result_field "$flood" failed) | $(result_field "$flood" unfinished) | $(result_field "$flood" peak_open) | $(result_field "$flood" health_ok) / $(result_field "$flood" health_failed) | $(result_field "$flood" health_max_ms) ms | $(mib "$(peak "$work/conn-streams.samples" 2)") MiB | $(mib "$(peak "$work/conn-streams.samples" 4)") MiB | $(peak "$work/conn-streams.samples" 3) |"
  echo
  echo "Gateway at start: ${streams_cap:-n/a}"
  echo
  echo "## $idle_target idle kept-alive connections held ${HOLD_SECONDS}s${idle_note:+ ($idle_note)}"
  echo
  echo "| opened | refused | still answering after the hold | descriptors while held | peak RSS | peak heap used | /health while held |"
  echo "|---|---|---|---|---|---|---|"
  echo "| $(sum_field opened) | $(sum_field refused) | $(sum_field second_ok) | $held_open | $(mib "$(peak "$work/conn-idle.samples" 2)") MiB | $(mib "$(peak "$work/conn-idle.samples" 4)") MiB | $health_code |"
  echo
  echo "Other requests meanwhile (200 req/s for 10 s, µs): ${rate#RESULT }"
  echo
  echo "Gateway at start: ${idle_cap:-n/a}"
  echo
  echo "Raw: target/bench/conn-*.samples (time, RSS KiB, descriptors, heap KiB), conn-*.log, conn-idle-*.txt."
} >"$report"
cp "$report" "$results_dir/connections-latest.md"
echo
cat "$report"
