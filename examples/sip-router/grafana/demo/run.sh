#!/usr/bin/env bash
# The dashboard demo: a real run of the sip-router, scraped by a real Prometheus, drawn with the
# dashboard's own queries (render.py), as docs/observability.md shows it.
#
#   examples/sip-router/grafana/demo/run.sh [OUT.png]      (about 5 minutes)
#
# Needs: the router built (mvn -B package -DskipTests in examples/sip-router), Java 17, and Debian's
# sip-tester (sipp), prometheus and python3-matplotlib:
#   apt-get install -y sip-tester prometheus python3-matplotlib
#
# What runs, everything on 127.0.0.1 and on ports that were free when it started:
#   - two stand-in routing APIs (routing_api.py): "primary" and "backup";
#   - the router: connection routing (primary, timeout 300 ms) failing over to routing_backup
#     (backup), keep_connections on, --metrics-port;
#   - Prometheus (the Debian package's binary, our own configuration and data directory) scraping
#     the router's /metrics every 2 s;
#   - sipp sending INVITEs for users u1, u2, ... at 40 calls/s for DURATION seconds (default 270).
# The primary's trouble, on a timeline: at 60 s it answers 503 for 30 s; at 120 s it is stopped
# (connections refused) and started again at 180 s; at 210 s it answers in 400 ms (more than the
# connection's timeout) for 30 s. Then render.py draws the dashboard over the whole run.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
EXAMPLE="$(cd "$HERE/../.." && pwd)"
JAR="$EXAMPLE/target/sip-router.jar"
SCENARIO="$EXAMPLE/../sip-routing/src/test/resources/dev/httpcon/examples/routing/testing/invite.xml"
DURATION="${DURATION:-270}"
RATE="${RATE:-40}"
WORK="$EXAMPLE/target/dashboard-demo"
OUT="${1:-$WORK/sip-router-dashboard.png}"

for tool in java sipp prometheus /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (see the header of this script)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || { echo "run.sh: apt-get install -y python3-matplotlib" >&2; exit 1; }
[ -f "$JAR" ] || { echo "run.sh: build the router first: (cd $EXAMPLE && mvn -B package -DskipTests)" >&2; exit 1; }

rm -rf "$WORK"
mkdir -p "$WORK/state" "$WORK/prometheus"
free_port() {   # a port of 127.0.0.1 free right now (tcp or udp)
  /usr/bin/python3 -c "import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM if sys.argv[1]=='udp' else socket.SOCK_STREAM); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])" "$1"
}
PRIMARY=$(free_port tcp); BACKUP=$(free_port tcp); METRICS=$(free_port tcp); PROM=$(free_port tcp); SIP=$(free_port udp)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
api() {   # api NAME PORT CONTACT_HOST
  /usr/bin/python3 "$HERE/routing_api.py" --name "$1" --port "$2" --contact-host "$3" --state-dir "$WORK/state" \
    >> "$WORK/$1.log" 2>&1 &
  echo $!
}
primary_pid=$(api primary "$PRIMARY" 10.0.0.1); pids+=("$primary_pid")
pids+=("$(api backup "$BACKUP" 10.0.0.2)")

cat > "$WORK/routing.properties" <<CONF
httpclient.keep_connections=1
httpclient.httpcon=routing=>http://127.0.0.1:$PRIMARY/api;timeout=300ms;health_failures=5;health_retry=5s;failover=routing_backup,\\
                   routing_backup=>http://127.0.0.1:$BACKUP/api;timeout=800ms
CONF
java -jar "$JAR" --config "$WORK/routing.properties" --port "$SIP" --metrics-port "$METRICS" \
  > "$WORK/router.out" 2> "$WORK/router.err" &
pids+=($!)
for _ in $(seq 60); do grep -q listening "$WORK/router.out" 2>/dev/null && break; sleep 1; done
grep -q listening "$WORK/router.out" || { cat "$WORK/router.err" >&2; exit 1; }
cat "$WORK/router.out"

cat > "$WORK/prometheus.yml" <<CONF
global:
  scrape_interval: 2s
scrape_configs:
  - job_name: sip-router
    static_configs:
      - targets: ["127.0.0.1:$METRICS"]
CONF
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus" \
  --web.listen-address="127.0.0.1:$PROM" > "$WORK/prometheus.log" 2>&1 &
pids+=($!)

/usr/bin/python3 -c "print('SEQUENTIAL'); [print('u%d' % n) for n in range(1, $((RATE * DURATION + 1)))]" > "$WORK/users.csv"
start=$(date +%s)
sipp "127.0.0.1:$SIP" -sf "$SCENARIO" -inf "$WORK/users.csv" -m $((RATE * DURATION)) -r "$RATE" -l 200 \
  -i 127.0.0.1 -nostdin -timeout "$((DURATION + 30))s" -recv_timeout 10s > "$WORK/sipp.out" 2>&1 &
sipp_pid=$!
pids+=("$sipp_pid")

at() { sleep $(( start + $1 - $(date +%s) )); }
at 60;  echo "$(date +%T) primary answers 503";              touch "$WORK/state/primary.503"
at 90;  echo "$(date +%T) primary answers again";            rm -f "$WORK/state/primary.503"
at 120; echo "$(date +%T) primary stopped";                  kill "$primary_pid"
at 180; echo "$(date +%T) primary started again";           pids+=("$(api primary "$PRIMARY" 10.0.0.1)")
at 210; echo "$(date +%T) primary takes 400 ms per answer"; touch "$WORK/state/primary.slow"
at 240; echo "$(date +%T) primary fast again";               rm -f "$WORK/state/primary.slow"
wait "$sipp_pid" || echo "sipp: some calls failed (exit $?; see $WORK/sipp.out)"
sleep 5   # the last scrapes
end=$(date +%s)
/usr/bin/python3 "$HERE/render.py" "$HERE/../sip-router-dashboard.json" "http://127.0.0.1:$PROM" "$start" "$end" "$OUT"
curl -s "http://127.0.0.1:$METRICS/metrics" > "$WORK/metrics.txt"
echo "run.sh: $OUT; the router's last /metrics in $WORK/metrics.txt"
