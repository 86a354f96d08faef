#!/usr/bin/env bash
# What a routing lookup costs the routing server (issue 18): the SIP race's nginx, asked by httpcon
# (Paced.java: the router's lookups through the plain-Java API, one thread, RATE/s) and by Kamailio's
# http_client (the race's kamailio.cfg, 4 children, or 1 child; sipp at RATE/s), rounds interleaved.
# Prints nginx's worker CPU per request (utime + stime from /proc) and the time from each new
# connection's SYN to its first request byte (tcpdump on lo). For nginx's system calls per request,
# attach `strace -c -f -p <worker>` during a round (it slows nginx: not while reading its CPU).
#
#   bench/profile/nginx-per-request.sh            (after mvn package at the root and in bench/)
#   N=8000 ROUNDS=3 KEEP="1 0" bench/profile/nginx-per-request.sh
#
# Needs nginx, kamailio + kamailio-utils-modules, sipp, tcpdump (root), bc; ports 28088 (TCP),
# 25090 and 25096 (UDP) on 127.0.0.1. Run it under the benchmark lock: flock "$BENCH_LOCK" ...
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"
N=${N:-8000}; ROUNDS=${ROUNDS:-3}; KEEP=${KEEP:-1 0}; RATE=${RATE:-400}; PORT=28088
WORK=$(mktemp -d); cd "$WORK"; mkdir -p ngx/tmp kw
CP="$ROOT/target/httpcon-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
javac -cp "$CP" -d . "$HERE/Paced.java"
cp "$ROOT/bench/sip-race/options.xml" .
sed -e "s|127.0.0.1:8088|127.0.0.1:$PORT|" -e 's|^daemon off;|daemon on;|' "$ROOT/bench/sip-race/nginx.conf" > ngx/nginx.conf
sed "s|http://127.0.0.1:8088|http://127.0.0.1:$PORT|" "$ROOT/bench/sip-race/kamailio.cfg" > kam4.cfg
sed 's/^children=4/children=1/' kam4.cfg > kam1.cfg
nginx -p "$WORK/ngx" -c "$WORK/ngx/nginx.conf" -e stderr 2>ngx/err.log; sleep 0.5
W=$(pgrep -P "$(cat ngx/nginx.pid)")
trap 'kill "$(cat "$WORK/ngx/nginx.pid")" 2>/dev/null' EXIT
ticks() { awk '{print $14+$15}' /proc/$W/stat; }
per() { echo "scale=1; $1*10000/$N" | bc; }   # ticks (1/100 s) per request, in us
measure() { # label keep: runs N requests ("${run[@]}"), prints nginx's CPU per request
  local t0 t1
  t0=$(ticks); "${run[@]}" > /dev/null 2>&1; t1=$(ticks)
  echo "$1 keep=$2: nginx $(per $((t1-t0))) us/request (load $(cut -d' ' -f1 /proc/loadavg))"
}
httpcon() { # keep
  rm -f paced.out; java -cp "$CP:." Paced $PORT "$1" 3000 "$N" "$RATE" > paced.out 2>&1 & local jp=$!
  until grep -q READY paced.out; do sleep 0.2; done
  run=(bash -c "until grep -q DONE paced.out; do sleep 0.1; done"); measure "httpcon" "$1"; wait $jp
}
kamailio_() { # cfg label keep
  local args=(-A WITH_LOOKUP); [ "$3" = 1 ] && args+=(-A WITH_KEEP)
  kamailio -f "$1" -DD -E -w "$WORK/kw" -l udp:127.0.0.1:25090 -m 64 -M 16 "${args[@]}" > kam.log 2>&1 & local k=$!
  sleep 3
  sipp 127.0.0.1:25090 -sf options.xml -m 3000 -r "$RATE" -l 100 -i 127.0.0.1 -p 25096 -nostdin -timeout 90s > /dev/null 2>&1
  sleep 1
  run=(sipp 127.0.0.1:25090 -sf options.xml -m "$N" -r "$RATE" -l 100 -i 127.0.0.1 -p 25096 -nostdin -timeout 120s)
  measure "$2" "$3"; kill $k; wait $k 2>/dev/null
}
for r in $(seq 1 "$ROUNDS"); do
  for keep in $KEEP; do
    echo "round $r"
    httpcon "$keep"
    kamailio_ kam1.cfg "kamailio 1 child" "$keep"
    kamailio_ kam4.cfg "kamailio 4 children" "$keep"
  done
done
# SYN to the first request byte of each new connection, both clients without kept connections
for who in httpcon kamailio; do
  tcpdump -i lo -n -U -w "gap-$who.pcap" "tcp port $PORT" 2>/dev/null & td=$!; sleep 1
  if [ $who = httpcon ]; then java -cp "$CP:." Paced $PORT 0 2000 500 100 > paced.out 2>&1
  else
    kamailio -f kam4.cfg -DD -E -w "$WORK/kw" -l udp:127.0.0.1:25090 -m 64 -M 16 -A WITH_LOOKUP > kam.log 2>&1 & k=$!
    sleep 3; sipp 127.0.0.1:25090 -sf options.xml -m 2500 -r 100 -l 100 -i 127.0.0.1 -p 25096 -nostdin -timeout 90s > /dev/null 2>&1
    kill $k; wait $k 2>/dev/null
  fi
  sleep 0.5; kill $td; wait $td 2>/dev/null
  tcpdump -n -tt -r "gap-$who.pcap" 2>/dev/null | python3 -c '
import sys, re, statistics
syn, gaps = {}, []
for line in sys.stdin:
    m = re.match(r"([\d.]+) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+): Flags \[([^\]]+)\].*length (\d+)", line)
    if not m or m[3] != sys.argv[2]: continue
    if m[4] == "S": syn[m[2]] = float(m[1])
    elif int(m[5]) > 0 and m[2] in syn: gaps.append((float(m[1]) - syn.pop(m[2])) * 1e6)
gaps = sorted(gaps[-500:])
print(f"{sys.argv[1]}: SYN to first request byte, last {len(gaps)} connections: median {statistics.median(gaps):.0f} us, p90 {gaps[int(len(gaps) * 0.9)]:.0f} us")
' "$who" "$PORT"
done
