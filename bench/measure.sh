# Measurement helpers shared by bench/run.sh and bench/production.sh (sourced after common.sh):
# readiness checks, tool installation, wrk output parsing, medians and the report's arithmetic.

# Waits (bounded) until a POST to $1 gets any HTTP status; fails early if process $2 died.
wait_http() {
  local url="$1" pid="$2" seconds="$3" code
  for _ in $(seq 1 $((seconds * 5))); do
    kill -0 "$pid" 2>/dev/null || return 1
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST -H 'content-type: application/json' \
      -H "authorization: Bearer $GATEWAY_KEY" -d '{"model":"bench-model","messages":[]}' "$url" || true)"
    [ -n "$code" ] && [ "$code" != "000" ] && return 0
    sleep 0.2
  done
  return 1
}

chat_status() {
  curl -s -o "$work/check-$2.json" -w '%{http_code}' --max-time 5 -X POST -H 'content-type: application/json' \
    -H "authorization: Bearer $GATEWAY_KEY" \
    -d '{"model":"bench-model","messages":[{"role":"user","content":"Say hi"}]}' "$1" || echo 000
}

# Installs a Debian package when running as root with apt-get; prints what happened.
apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "not installed (not root or no apt-get)"
    return 1
  fi
  local pkg
  for pkg in "$@"; do
    if timeout 300 apt-get install -y -q "$pkg" >"$work/apt-$pkg.log" 2>&1 \
      || { timeout 300 apt-get update -q >/dev/null 2>&1 && timeout 300 apt-get install -y -q "$pkg" >"$work/apt-$pkg.log" 2>&1; }; then
      echo "installed with apt-get install $pkg"
      return 0
    fi
  done
  echo "apt-get install $* failed (see target/bench/apt-*.log)"
  return 1
}

find_nginx() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }

wrk_rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1" | head -n 1; }
wrk_non2xx() { sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$1" | head -n 1; }

median() { tr ' ' '\n' | { grep . || true; } | sort -g | awk '{a[NR]=$1} END {if (NR==0) print ""; else if (NR%2) print a[(NR+1)/2]; else { v = (a[NR/2]+a[NR/2+1])/2; if (v == int(v)) print int(v); else printf "%.1f\n", v } }'; }

result_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
ms() { awk -v us="$1" 'BEGIN { if (us == "") print "n/a"; else printf "%.3f", us / 1000 }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "n/a"; else printf "%.3f", (a - b) / 1000 }'; }
verdict() { awk -v v="$1" -v op="$2" -v lim="$3" 'BEGIN { if (v == "n/a") print "not measured";
  else if ((op == ">=" && v + 0 >= lim) || (op == "<=" && v + 0 <= lim)) print "PASS"; else print "FAIL" }'; }

# The measurements below read the global associative array `url` (target -> URL) and the settings
# WARMUP_SECONDS, ROUNDS, ROUND_SECONDS, THREADS, CONNECTIONS, RATE, RATE_SECONDS, LATENCY_ROUNDS,
# and fill rps_list, non2xx and rps (throughput) and lat (latency RESULT lines) for the report.

run_wrk() { # target seconds outfile
  BENCH_AUTH="$GATEWAY_KEY" timeout $(($2 + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s --latency \
    -s "$root/bench/chat.lua" "${url[$1]}" >"$3" 2>&1 || log "wrk against $1 failed (see $3)"
}

# Throughput of each target: a warm-up, then ROUNDS interleaved wrk rounds; the median is reported.
measure_throughput() {
  local t r
  declare -gA rps_list non2xx rps
  log "throughput: warm-up ${WARMUP_SECONDS}s per target"
  for t in "$@"; do run_wrk "$t" "$WARMUP_SECONDS" "$work/wrk-$t-warmup.txt"; done
  for r in $(seq 1 "$ROUNDS"); do
    for t in "$@"; do
      log "throughput round $r/$ROUNDS: $t (${ROUND_SECONDS}s, $CONNECTIONS connections, $THREADS threads)"
      run_wrk "$t" "$ROUND_SECONDS" "$work/wrk-$t-$r.txt"
      rps_list[$t]="${rps_list[$t]:-} $(wrk_rps "$work/wrk-$t-$r.txt")"
      non2xx[$t]=$(( ${non2xx[$t]:-0} + $(wrk_non2xx "$work/wrk-$t-$r.txt" | grep . || echo 0) ))
    done
  done
  for t in "$@"; do rps[$t]="$(echo "${rps_list[$t]}" | median)"; done
}

# Latency of each target at RATE req/s, open loop, LATENCY_ROUNDS interleaved rounds.
measure_latency() {
  local t r
  declare -gA lat
  # The first open-loop run after the throughput phase is an outlier on small machines: warm up unrecorded.
  timeout $((2 * WARMUP_SECONDS + 60)) "${java_bench[@]}" dev.keypool.bench.RateLoad --label warmup --url "${url[direct]}" \
    --rate "$RATE" --seconds "$WARMUP_SECONDS" --warmup "$WARMUP_SECONDS" >"$work/rate-warmup.txt" 2>&1 || true
  for r in $(seq 1 "$LATENCY_ROUNDS"); do
    for t in "$@"; do
      log "latency round $r/$LATENCY_ROUNDS: $t at $RATE req/s for ${RATE_SECONDS}s (open loop)"
      timeout $((RATE_SECONDS + WARMUP_SECONDS + 60)) "${java_bench[@]}" dev.keypool.bench.RateLoad --label "$t" \
        --url "${url[$t]}" --rate "$RATE" --seconds "$RATE_SECONDS" --warmup "$WARMUP_SECONDS" --auth "$GATEWAY_KEY" \
        >"$work/rate-$t-$r.txt" 2>&1 || log "RateLoad against $t failed (see target/bench/rate-$t-$r.txt)"
      lat[$t]="${lat[$t]:-}$(grep '^RESULT' "$work/rate-$t-$r.txt" | tail -n 1 || true)"$'\n'
    done
  done
}

# Writes an nginx configuration to $1: two workers, no access log, and for each further argument
# "listen-port=host:port[,host:port...]" a reverse proxy on 127.0.0.1:listen-port to those servers,
# with upstream keepalive (a round-robin load balancer when there are several).
nginx_conf() {
  local file="$1" spec port servers server n=0
  shift
  mkdir -p "$work/nginx-tmp"
  {
    [ "$(id -u)" -eq 0 ] && echo "user root;"
    cat <<EOF
worker_processes 2;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx-tmp/body;
  proxy_temp_path $work/nginx-tmp/proxy;
  fastcgi_temp_path $work/nginx-tmp/fastcgi;
  uwsgi_temp_path $work/nginx-tmp/uwsgi;
  scgi_temp_path $work/nginx-tmp/scgi;
EOF
    for spec in "$@"; do
      n=$((n + 1))
      port="${spec%%=*}"
      servers="${spec#*=}"
      echo "  upstream bench_upstream_$n {"
      for server in ${servers//,/ }; do echo "    server $server;"; done
      echo "    keepalive 128;"
      echo "  }"
      echo "  server {"
      echo "    listen 127.0.0.1:$port;"
      echo "    location / {"
      echo "      proxy_pass http://bench_upstream_$n;"
      echo "      proxy_http_version 1.1;"
      echo '      proxy_set_header Connection "";'
      echo "    }"
      echo "  }"
    done
    echo "}"
  } >"$file"
}
