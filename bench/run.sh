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
# HTTPS_PORT, JAVA_OPTS, HTTPCON_JAR (the library jar to measure; default: this checkout's target/),
# BENCH_MAVEN_OFFLINE=1 (Maven with -o), BENCH_MAVEN_ARGS (more options for every Maven call),
# BENCH_PYTHON (the python3 with matplotlib that draws the charts).
# BENCH_PARTS may also name "telemetry" (not in the default list): the OpenTelemetry back end's cost,
# TELEMETRY_THREADS (default 1), TELEMETRY_SUBJECTS (default "off,metrics,traced"); "profiles" (not in the
# default list): CPU profiles of the scenarios whose targets were missed (see README.md, "Profiles").
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

# 0. Prerequisites, all checked before anything is built or started, with the Debian package of each.
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 (Debian package $2)"); }
need java openjdk-17-jdk-headless
need mvn maven
need gcc gcc
need curl curl
need openssl openssl
need nginx nginx
need flock util-linux
if [[ " $PARTS " == *" profiles "* ]]; then
  need unzip unzip
  need jfr openjdk-17-jdk-headless
fi
if [[ " $PARTS " == *" load "* ]] && [[ ",${BENCH_SUBJECTS:-server,a,b,c,d}," == *",server,"* ]]; then
  need wrk wrk
fi
if command -v gcc >/dev/null 2>&1 && ! echo '#include <curl/curl.h>' | gcc -E -x c - >/dev/null 2>&1; then
  missing+=("the libcurl headers (Debian package libcurl4-openssl-dev)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/run.sh: missing prerequisites:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "On Debian 12: apt-get install -y maven gcc curl openssl nginx wrk libcurl4-openssl-dev python3-matplotlib" >&2
  echo "(java: any JDK 17 or newer on the PATH)" >&2
  exit 2
fi
# The charts need matplotlib: BENCH_PYTHON, else python3 on the PATH, else the system's /usr/bin/python3
# (a python3 of a virtual environment or pyenv does not see Debian's python3-matplotlib).
charts=0
for py in ${BENCH_PYTHON:-python3 /usr/bin/python3}; do
  if "$py" -c 'import matplotlib' >/dev/null 2>&1; then
    PYTHON="$py"; charts=1; break
  fi
done
if [ $charts = 0 ]; then
  echo "note: no python3 with matplotlib (Debian package python3-matplotlib): the run makes no charts" >&2
fi

# 1. Build: the library (when this checkout has no jar yet), the harness and the C loop. Maven runs
# online by default, so a fresh machine downloads its plugins and dependencies from Maven Central;
# BENCH_MAVEN_OFFLINE=1 adds -o, BENCH_MAVEN_ARGS adds options to every Maven call (for example
# -Dmaven.repo.local=/path/to/repo).
ROOT="$(cd "$BENCH/.." && pwd)"
mvn_args=(-B -q)
[ "${BENCH_MAVEN_OFFLINE:-0}" = 1 ] && mvn_args+=(-o)
# shellcheck disable=SC2206
mvn_args+=(${BENCH_MAVEN_ARGS:-})
install_library() {
  echo "building the library: (cd $ROOT && mvn ${mvn_args[*]} install -DskipTests -Dinvoker.skip -Dmaven.javadoc.skip=true)" >&2
  (cd "$ROOT" && mvn "${mvn_args[@]}" install -DskipTests -Dinvoker.skip -Dmaven.javadoc.skip=true)
}
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$BENCH/target/httpcon-bench.jar" ]; then
  if [ -z "${HTTPCON_JAR:-}" ] && [ ! -f "$ROOT/target/httpcon-0.1.0-SNAPSHOT.jar" ]; then
    install_library
  fi
  build_log="$(mktemp)"
  if ! mvn "${mvn_args[@]}" -f "$BENCH/pom.xml" package -DskipTests >"$build_log" 2>&1; then
    if grep -q 'dev.httpcon:httpcon:jar:0.1.0-SNAPSHOT' "$build_log"; then
      # This checkout has a jar but the local Maven repository has no httpcon to build against.
      install_library
      mvn "${mvn_args[@]}" -f "$BENCH/pom.xml" package -DskipTests
    else
      cat "$build_log" >&2
      echo "bench/run.sh: the harness did not build: mvn ${mvn_args[*]} -f $BENCH/pom.xml package -DskipTests" >&2
      rm -f "$build_log"
      exit 1
    fi
  fi
  rm -f "$build_log"
fi
# The local Maven repository may hold another checkout's httpcon snapshot: measure this checkout's
# build (or HTTPCON_JAR, e.g. a build of an earlier commit for before/after figures).
lib_jar="${HTTPCON_JAR:-$ROOT/target/httpcon-0.1.0-SNAPSHOT.jar}"
if [ ! -f "$lib_jar" ]; then
  echo "bench/run.sh: no library jar at $lib_jar (HTTPCON_JAR names a file that does not exist)" >&2
  exit 1
fi
if ! cmp -s "$lib_jar" "$BENCH/target/lib/httpcon-0.1.0-SNAPSHOT.jar"; then
  echo "note: the httpcon jar in the local Maven repository is not this checkout's build: using $lib_jar" >&2
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

if [[ " $PARTS " == *" profiles "* ]]; then
  # Not in the default parts: CPU profiles (async-profiler, from Maven Central) of each scenario
  # whose target the final run of issue 18 missed, with the shares of each subject's samples by
  # owner (profile/shares.py), and JFR's waits of 10 ms and more at 64 threads (the pool's lock).
  # the plugin's version is the one bench/pom.xml pins
  mvn "${mvn_args[@]}" -f "$BENCH/pom.xml" dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 \
    -DoutputDirectory="$BENCH/target/async-profiler" >>"$LOG" 2>&1
  unzip -o -q -d "$BENCH/target/async-profiler" "$BENCH/target/async-profiler/async-profiler-4.1.jar" \
    linux-x64/libasyncProfiler.so
  agent="$BENCH/target/async-profiler/linux-x64/libasyncProfiler.so"
  PROF="$OUT/profiles"
  mkdir -p "$PROF"
  cpu() { echo "-agentpath:$agent=start,event=cpu,interval=1ms,threads,file=$PROF/$1.collapsed,collapsed"; }
  PY="${PYTHON:-python3}"
  shares() { "$PY" "$BENCH/profile/shares.py" "$PROF/$1.collapsed" "${@:2}" > "$PROF/$1.shares.txt"; tee -a "$LOG" < "$PROF/$1.shares.txt"; }
  long=(--rounds 1 --warmup 4 --measure 12)
  load_markers=(a=RawClient b='LoadCommand.lambda$load$0' c='LoadCommand.lambda$load$1' e='LoadCommand.lambda$load$2')
  # shellcheck disable=SC2086
  measure java $JAVA_OPTS "$(cpu keep64)" -jar "$JAR" load --scheme http --port "$HTTP_PORT" --keep 1 --threads 64 \
    --subjects a,b,e "${long[@]}" --out "$PROF/keep64.tsv"
  shares keep64 "${load_markers[@]}"
  # shellcheck disable=SC2086
  measure java $JAVA_OPTS -XX:StartFlightRecording=filename="$PROF/keep64.jfr",settings=profile -jar "$JAR" load \
    --scheme http --port "$HTTP_PORT" --keep 1 --threads 64 --subjects a,b "${long[@]}" --out "$PROF/keep64-jfr.tsv"
  jfr print --stack-depth 64 --events jdk.ThreadPark "$PROF/keep64.jfr" | "$PY" "$BENCH/profile/parks.py" | tee "$PROF/keep64-parks.txt" | tee -a "$LOG"
  # shellcheck disable=SC2086
  measure java $JAVA_OPTS "$(cpu close8)" -jar "$JAR" load --scheme http --port "$HTTP_PORT" --keep 0 --threads 8 \
    --subjects a,b,e "${long[@]}" --out "$PROF/close8.tsv"
  shares close8 "${load_markers[@]}"
  # shellcheck disable=SC2086
  measure java $JAVA_OPTS "$(cpu typed1)" -jar "$JAR" load --scheme http --port "$HTTP_PORT" --keep 1 --threads 1 \
    --subjects a,b,c "${long[@]}" --out "$PROF/typed1.tsv"
  shares typed1 "${load_markers[@]}"
  for s in async asyncinline rawasync rawasynchop; do
    # shellcheck disable=SC2086
    measure java $JAVA_OPTS "$(cpu "async1000-$s")" -jar "$JAR" async --port "$HTTP_PORT" --inflight 1000 \
      --subjects "$s" --pass 0 "${long[@]}" > "$PROF/async1000-$s.tsv"
  done
  "$PY" "$BENCH/profile/threads.py" "$PROF"/async1000-*.collapsed | tee "$PROF/async1000.txt" | tee -a "$LOG"
  measure java -Xmx2g "$(cpu boot10000)" -jar "$JAR" boot --connections 10000 --form lines --round 1 --out "$PROF/boot.tsv"
  "$PY" "$BENCH/profile/boot.py" "$PROF/boot10000.collapsed" | tee "$PROF/boot10000.txt" | tee -a "$LOG"
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

if [ ! -f "$RESULTS" ]; then
  exit 0   # only parts without a results table ran (profiles, async)
fi
java -jar "$JAR" report "$RESULTS" | tee "$OUT/report.md"
log "# report: $OUT/report.md"
if [ $charts = 1 ]; then
  "$PYTHON" "$BENCH/charts.py" "$OUT" | tee -a "$LOG"
fi
