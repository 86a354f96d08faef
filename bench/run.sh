#!/usr/bin/env bash
# httpcon benchmarks (issue 8): nginx on 127.0.0.1, its ceiling (wrk), raw HttpClient 5, the httpcon
# CDI bean, the typed Rest Client and libcurl side by side; failover cost; boot cost. See README.md.
#
#   bench/run.sh            the full run (about 25 minutes of measurements on 2 cores)
#   bench/run.sh --quick    a smoke check: every command once, short windows (about 3 minutes)
#
# Environment: BENCH_LOCK (default ${TMPDIR:-/tmp}/httpcon-bench.lock; every measurement runs under flock on it),
# BENCH_OUT (results directory), BENCH_ROUNDS, BENCH_WARMUP, BENCH_MEASURE (seconds), BENCH_THREADS
# (e.g. "1,8,64"), BENCH_SCENARIOS (e.g. "http-keep https-close"), BENCH_BOOT ("10 1000 10000"),
# BENCH_BOOT_ROUNDS, BENCH_BOOT_FORMS (default "lines keys weld"), BENCH_SUBJECTS (default "server,a,b,c,d"), BENCH_PARTS ("load failover resilience boot"; "async" on request), NGINX_WORKERS (default 1), HTTP_PORT,
# HTTPS_PORT, JAVA_OPTS, HTTPCON_JAR (the library jar to measure; default: this checkout's target/).
# BENCH_PARTS may also name "telemetry" (not in the default list): the OpenTelemetry back end's cost,
# TELEMETRY_THREADS (default 1), TELEMETRY_SUBJECTS (default "off,metrics,traced").
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
quick=0
if [ "${1:-}" = "--quick" ]; then
  quick=1
fi
if [ $quick = 1 ]; then
  : "${BENCH_ROUNDS:=1}" "${BENCH_WARMUP:=0.5}" "${BENCH_MEASURE:=1}" "${BENCH_THREADS:=1,8}"
  : "${BENCH_BOOT:=10 1000}" "${BENCH_BOOT_ROUNDS:=1}" "${BENCH_BOOT_FORMS:=lines}"
fi
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-2}"
MEASURE="${BENCH_MEASURE:-4}"
THREADS="${BENCH_THREADS:-1,8,64}"
SCENARIOS="${BENCH_SCENARIOS:-http-keep http-close https-keep https-close}"
BOOT="${BENCH_BOOT:-10 1000 10000}"
BOOT_ROUNDS="${BENCH_BOOT_ROUNDS:-5}"
BOOT_FORMS="${BENCH_BOOT_FORMS:-lines keys weld}"
PARTS="${BENCH_PARTS:-load failover resilience boot}"
LOCK="${BENCH_LOCK:-${TMPDIR:-/tmp}/httpcon-bench.lock}"
HTTP_PORT="${HTTP_PORT:-18080}"
HTTPS_PORT="${HTTPS_PORT:-18443}"
H2_PORT="${H2_PORT:-18444}"
OUT="${BENCH_OUT:-$BENCH/target/results/$(date +%Y%m%d-%H%M%S)}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"

mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
LOG="$OUT/run.log"
log() { echo "$*" | tee -a "$LOG"; }

# 1. Build: the harness (needs the library installed: mvn -B -o install -DskipTests at the root) and the C loop.
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$BENCH/target/httpcon-bench.jar" ]; then
  mvn -B -o -q -f "$BENCH/pom.xml" package -DskipTests
fi
# ~/.m2 may be shared with other checkouts that install their own httpcon snapshot: measure this one
# (or HTTPCON_JAR, e.g. a build of an earlier commit for before/after figures).
lib_jar="${HTTPCON_JAR:-$BENCH/../target/httpcon-0.1.0-SNAPSHOT.jar}"
if [ -f "$lib_jar" ] && ! cmp -s "$lib_jar" "$BENCH/target/lib/httpcon-0.1.0-SNAPSHOT.jar"; then
  echo "note: the httpcon jar installed in ~/.m2 is not this checkout's build: using $lib_jar" >&2
  cp "$lib_jar" "$BENCH/target/lib/httpcon-0.1.0-SNAPSHOT.jar"
fi
gcc -O2 -Wall -o "$BENCH/target/curlloop" "$BENCH/curl/curlloop.c" -lcurl -lpthread

# 2. Certificates: a CA and a server certificate for 127.0.0.1 (EC P-256), made for this run.
NGX="$BENCH/target/nginx"
mkdir -p "$NGX/tmp"
if [ ! -f "$NGX/server.pem" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=httpcon bench CA" \
    -keyout "$NGX/ca.key" -out "$NGX/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$NGX/server.key" -out "$NGX/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > "$NGX/server.ext"
  openssl x509 -req -in "$NGX/server.csr" -CA "$NGX/ca.pem" -CAkey "$NGX/ca.key" -CAcreateserial -days 30 \
    -extfile "$NGX/server.ext" -out "$NGX/server.pem" 2>/dev/null
fi

# 3. nginx: our own config, our own prefix, unprivileged workers.
user_line=""
if [ "$(id -u)" = 0 ]; then
  user_line="user nobody nogroup;"
fi
sed -e "s|@PREFIX@|$NGX|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@H2_PORT@|$H2_PORT|g" \
    -e "s|@WORKERS@|${NGINX_WORKERS:-1}|g" -e "s|@USER@|$user_line|" \
    "$BENCH/nginx/nginx.conf.in" > "$NGX/nginx.conf"
nginx -p "$NGX" -c "$NGX/nginx.conf" -t 2>>"$LOG"
nginx -p "$NGX" -c "$NGX/nginx.conf"
stop_nginx() {
  if [ -f "$NGX/nginx.pid" ]; then
    kill "$(cat "$NGX/nginx.pid")" 2>/dev/null || true
  fi
}
trap stop_nginx EXIT
for _ in 1 2 3 4 5 6 7 8 9 10; do
  curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/json" && break
  sleep 0.2
done
body="$(curl -fsS --cacert "$NGX/ca.pem" "https://127.0.0.1:$HTTPS_PORT/json")"
[ "${#body}" = 100 ] || { log "nginx answers ${#body} bytes, not 100"; exit 1; }

log "# httpcon bench $(date -Is) on $(nproc) cores; $(java -version 2>&1 | head -1); nginx workers ${NGINX_WORKERS:-1}"
log "# rounds $ROUNDS, warm-up ${WARMUP}s, window ${MEASURE}s, threads $THREADS, results $RESULTS"

# Every measurement under the shared lock, with the load average before and after.
measure() {
  log "\$ $*"
  log "  uptime before: $(uptime)"
  flock "$LOCK" "$@" 2>&1 | tee -a "$LOG"
  log "  uptime after:  $(uptime)"
}

JAR="$BENCH/target/httpcon-bench.jar"
common=(--out "$RESULTS" --rounds "$ROUNDS" --warmup "$WARMUP" --measure "$MEASURE")
subjects=(--subjects "${BENCH_SUBJECTS:-server,a,b,c,d}")

if [[ " $PARTS " == *" load "* ]]; then
  for scenario in $SCENARIOS; do
    scheme="${scenario%-*}"
    keep=1; [ "${scenario#*-}" = close ] && keep=0
    port=$HTTP_PORT; [ "$scheme" = https ] && port=$HTTPS_PORT
    for t in ${THREADS//,/ }; do
      # shellcheck disable=SC2086
      measure java $JAVA_OPTS -jar "$JAR" load --scheme "$scheme" --port "$port" --keep "$keep" --threads "$t" \
        --ca "$NGX/ca.pem" --curl "$BENCH/target/curlloop" --wrk-script "$BENCH/wrk/report.lua" "${common[@]}" "${subjects[@]}"
    done
  done
fi

if [[ " $PARTS " == *" failover "* ]]; then
  # shellcheck disable=SC2086
  measure java $JAVA_OPTS -jar "$JAR" failover --port "$HTTP_PORT" --threads "${THREADS%,64}" "${common[@]}"
fi

if [[ " $PARTS " == *" resilience "* ]]; then
  # shellcheck disable=SC2086
  measure java $JAVA_OPTS -jar "$JAR" resilience --port "$HTTP_PORT" --threads "${THREADS%,64}" "${common[@]}"
fi

if [[ " $PARTS " == *" telemetry "* ]]; then
  # shellcheck disable=SC2086
  measure java $JAVA_OPTS -jar "$JAR" telemetry --port "$HTTP_PORT" --threads "${TELEMETRY_THREADS:-1}" \
    --subjects "${TELEMETRY_SUBJECTS:-off,metrics,traced}" "${common[@]}"
fi

if [[ " $PARTS " == *" async "* ]]; then
  # Not in the default parts: asynchronous calls at 64, 1,000 and 5,000 in flight (issue 15),
  # httpcon against HttpClient's raw async client, and HTTP/2 against HTTP/1.1 over TLS.
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" async --port "$HTTP_PORT" --h2port "$H2_PORT" --ca "$NGX/ca.pem" \
    --inflight "${BENCH_INFLIGHT:-64,1000,5000}" | tee "$OUT/async.tsv" | tee -a "$LOG"
fi

if [[ " $PARTS " == *" boot "* ]]; then
  for r in $(seq 1 "$BOOT_ROUNDS"); do
    for form in $BOOT_FORMS; do
      for n in 0 $BOOT; do
        measure java -Xmx2g -jar "$JAR" boot --connections "$n" --form "$form" --round "$r" --out "$RESULTS"
      done
    done
  done
fi

java -jar "$JAR" report "$RESULTS" | tee "$OUT/report.md"
log "# report: $OUT/report.md"
