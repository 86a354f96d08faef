#!/usr/bin/env python3
"""The SIP race of issue 7: Kamailio's http_client against sip-router (httpcon), both driven by
sipp against the same nginx routing API, keep_connections on and off, each with and without the
HTTP lookup, so that the cost the lookup adds per SIP request can be compared apart from the cost
of the two SIP stacks.

Per measured run:
  CPU  = utime + stime of the server's processes (/proc/<pid>/stat, all of Kamailio's processes,
         the JVM's whole process) after minus before, divided by the requests answered;
  latency = on the wire (tcpdump on lo): from each OPTIONS to its final answer, microseconds;
         sipp's own response times count in whole milliseconds: only its share under 1 ms is kept;
  load = `uptime` before and after, and the CPU the rest of the machine used during the run
         (/proc/stat busy time minus the server's, sipp's, nginx's and tcpdump's): a run where
         the rest used more than --quiet of one core is "disturbed" and repeated (up to --retries).

Every configuration runs under flock(2) on $BENCH_LOCK (default httpcon-bench.lock in the temporary
directory, the lock bench/run.sh takes), from the server's start to its stop, so other benchmarks on
this machine never overlap.

Usage: python3 bench/sip-race/race.py [--runs 5] [--calls 8000] [--rate 400] [--only kamailio|router|router-async]
Writes bench/sip-race/results/<UTC time>.json and prints a Markdown summary (report.py prints it
again from the JSON).
"""

import argparse
import shlex
import datetime
import fcntl
import json
import os
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ROUTER_JAR = ROOT / "examples" / "sip-router" / "target" / "sip-router.jar"
ROUTER_JAVA_OPTS = []   # --router-java-opts
LOCK = Path(os.environ.get("BENCH_LOCK") or Path(tempfile.gettempdir()) / "httpcon-bench.lock")
TICK = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count()
KAMAILIO_PORT = 5090
ROUTER_PORT = 5091
API = "http://127.0.0.1:8088"

# (server, lookup, keep_connections): without the lookup keep_connections means nothing.
# "router-async" is sip-router with --async (each SIP request answered from the lookup's
# completion, no worker thread waiting on HTTP); its lookup's cost is measured against the same
# "router, no lookup" base, since without a lookup there is nothing to wait for.
CONFIGS = [
    ("kamailio", False, None),
    ("kamailio", True, True),
    ("kamailio", True, False),
    ("router", False, None),
    ("router", True, True),
    ("router", True, False),
    ("router-async", True, True),
    ("router-async", True, False),
]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes and CPU

def proc_ticks(pid):
    """utime + stime of one process, in clock ticks (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def descendants(pid):
    """pid and every process below it."""
    children = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def tree_ticks(pid):
    return sum(proc_ticks(p) for p in descendants(pid))


def machine_busy_ticks():
    """All CPUs' non-idle ticks since boot (idle and iowait excluded)."""
    f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(f) - f[3] - f[4]


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def load():
    return Path("/proc/loadavg").read_text().split()[:3]


def wait_udp_answer(port, seconds):
    """Sends OPTIONS until the server answers (it is up), at most `seconds`."""
    msg = (f"OPTIONS sip:probe@127.0.0.1:{port} SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 127.0.0.1:{lport};branch=z9hG4bK{b}\r\n"
           "From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:probe@127.0.0.1>\r\n"
           "Call-ID: {b}@probe\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(0.5)
    deadline = time.time() + seconds
    n = 0
    try:
        while time.time() < deadline:
            n += 1
            s.sendto(msg.format(lport=s.getsockname()[1], b=f"probe{n}{time.time_ns()}").encode(), ("127.0.0.1", port))
            try:
                data = s.recv(4096)
                if data.startswith(b"SIP/2.0 ") and int(data[8:11]) >= 200:
                    return
            except socket.timeout:
                pass
        raise RuntimeError(f"no SIP answer on 127.0.0.1:{port} within {seconds} s")
    finally:
        s.close()


class Server:
    """One racer: started, probed, measured, stopped."""

    def __init__(self, kind, lookup, keep, work):
        self.kind, self.lookup, self.keep, self.work = kind, lookup, keep, work
        self.port = KAMAILIO_PORT if kind == "kamailio" else ROUTER_PORT
        self.proc = None

    def start(self):
        err = open(self.work / f"{self.kind}.log", "ab")
        if self.kind == "kamailio":
            cmd = ["kamailio", "-f", str(HERE / "kamailio.cfg"), "-DD", "-E", "-w", str(self.work),
                   "-l", f"udp:127.0.0.1:{self.port}", "-m", "128", "-M", "16"]
            if self.lookup:
                cmd += ["-A", "WITH_LOOKUP"]
                if self.keep:
                    cmd += ["-A", "WITH_KEEP"]
        else:
            config = self.work / "routing.properties"
            config.write_text(
                f"httpclient.keep_connections={1 if self.keep else 0}\n"
                "httpclient.connection_timeout=2s\n"
                f"httpclient.httpcon=routing=>{API};timeout=2s\n")
            cmd = ["java", *ROUTER_JAVA_OPTS, "-jar", str(ROUTER_JAR), "--config", str(config), "--port", str(self.port)]
            if not self.lookup:
                cmd.append("--no-lookup")
            if self.kind == "router-async":
                cmd.append("--async")
        self.proc = subprocess.Popen(cmd, stdout=err, stderr=err, cwd=self.work)
        wait_udp_answer(self.port, 90)

    def ticks(self):
        return tree_ticks(self.proc.pid)

    def pids(self):
        return descendants(self.proc.pid)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def name(self):
        if not self.lookup:
            return f"{self.kind}, no lookup"
        return f"{self.kind}, lookup, keep_connections={1 if self.keep else 0}"


# ---------------------------------------------------------------- wire latency from a pcap

def wire_latencies(pcap, port):
    """Microseconds from each request to port to its first final answer, by Call-ID."""
    data = Path(pcap).read_bytes()
    if len(data) < 24:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    nano = magic in (0xa1b23c4d, 0x4d3cb2a1)
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    link_len = {1: 14, 113: 16, 276: 20, 0: 4}.get(linktype)
    if link_len is None:
        raise RuntimeError(f"pcap link type {linktype} not handled")
    sent, answered = {}, {}
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        t = sec * 1_000_000 + (frac // 1000 if nano else frac)
        ip = pkt[link_len:]
        if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        ihl = (ip[0] & 15) * 4
        sport, dport = struct.unpack(">HH", ip[ihl:ihl + 4])
        payload = ip[ihl + 8:]
        head = payload.split(b"\r\n\r\n", 1)[0]
        call_id = None
        for line in head.split(b"\r\n"):
            if line[:8].lower() == b"call-id:":
                call_id = line[8:].strip()
                break
        if call_id is None:
            continue
        if dport == port and not payload.startswith(b"SIP/2.0"):
            sent.setdefault(call_id, t)
        elif sport == port and payload.startswith(b"SIP/2.0 ") and int(payload[8:11]) >= 200:
            answered.setdefault(call_id, t)
    return [answered[c] - sent[c] for c in answered if c in sent]


def percentile(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else None


# ---------------------------------------------------------------- one run

def sipp_run(server, calls, rate, work, tag, nginx_pid):
    stat = work / f"{tag}.stat.csv"
    pcap = work / f"{tag}.pcap"
    for f in (stat, pcap):
        if f.exists():
            f.unlink()
    dump = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-s", "600", "-B", "16384", "-U", "-w", str(pcap),
                             f"udp port {server.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)   # tcpdump is capturing
    before = dict(load=load(), busy=machine_busy_ticks(), server=server.ticks(), nginx=tree_ticks(nginx_pid),
                  tcpdump=proc_ticks(dump.pid), t=time.time())
    sipp = subprocess.Popen(["sipp", f"127.0.0.1:{server.port}", "-sf", str(HERE / "options.xml"),
                             "-m", str(calls), "-r", str(rate), "-l", "500", "-i", "127.0.0.1", "-p", str(free_udp_port()),
                             "-nostdin", "-trace_stat", "-stf", str(stat), "-fd", "3600",
                             "-timeout", f"{calls // rate + 60}s", "-timeout_error"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    try:
        _, status, rusage = os.wait4(sipp.pid, 0)
        sipp.returncode = os.waitstatus_to_exitcode(status)
        after = dict(busy=machine_busy_ticks(), server=server.ticks(), nginx=tree_ticks(nginx_pid),
                     tcpdump=proc_ticks(dump.pid), t=time.time())
        time.sleep(0.5)
    finally:
        for p in (sipp, dump):
            if p.returncode is None and p.poll() is None:
                p.send_signal(signal.SIGINT)
                p.wait(30)
    after["load"] = load()

    sipp_ticks = (rusage.ru_utime + rusage.ru_stime) * TICK
    elapsed = after["t"] - before["t"]
    server_ticks = after["server"] - before["server"]
    nginx_ticks = after["nginx"] - before["nginx"]
    tcpdump_ticks = after["tcpdump"] - before["tcpdump"]
    others = (after["busy"] - before["busy"]) - server_ticks - nginx_ticks - tcpdump_ticks - sipp_ticks
    lat = wire_latencies(pcap, server.port)
    stats = stat.read_text().splitlines() if stat.exists() else []
    successful = failed = under_1ms = None
    if len(stats) >= 2:
        row = dict(zip(stats[0].split(";"), stats[-1].split(";")))
        successful, failed = int(row.get("SuccessfulCall(C)", 0)), int(row.get("FailedCall(C)", 0))
        # sipp's mean response time is whole milliseconds (0 here); its repartition says more
        if successful:
            under_1ms = round(int(row.get("ResponseTimeRepartition1_<1", 0)) / successful, 4)
    pcap.unlink(missing_ok=True)
    answered = successful or 0
    return dict(
        sipp_exit=sipp.returncode, calls=calls, successful=successful, failed=failed, elapsed_s=round(elapsed, 2),
        server_cpu_us_per_req=round(server_ticks / TICK * 1e6 / answered, 1) if answered else None,
        nginx_cpu_us_per_req=round(nginx_ticks / TICK * 1e6 / answered, 1) if answered else None,
        sipp_cpu_us_per_req=round(sipp_ticks / TICK * 1e6 / answered, 1) if answered else None,
        others_cores=round(others / TICK / elapsed, 3),
        wire_latency_us=dict(n=len(lat), median=percentile(lat, 50), p90=percentile(lat, 90), p99=percentile(lat, 99),
                             mean=round(statistics.fmean(lat), 1) if lat else None),
        sipp_share_under_1ms=under_1ms,
        load_before=before["load"], load_after=after["load"])


# ---------------------------------------------------------------- the race

def run_config(kind, lookup, keep, args, work, nginx_pid):
    server = Server(kind, lookup, keep, work)
    results = []
    lock = open(LOCK, "a+")
    log(f"== {server.name()}: waiting for {LOCK}")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        log(f"== {server.name()}: start (load {' '.join(load())})")
        server.start()
        log("   warm-up")
        sipp_run(server, args.warmup, args.rate, work, "warmup", nginx_pid)
        attempts = 0
        while len([r for r in results if not r["disturbed"]]) < args.runs and attempts < args.runs + args.retries:
            attempts += 1
            r = sipp_run(server, args.calls, args.rate, work, f"run{attempts}", nginx_pid)
            r["disturbed"] = r["others_cores"] > args.quiet or r["sipp_exit"] != 0
            results.append(r)
            log(f"   run {attempts}: cpu {r['server_cpu_us_per_req']} us/req, wire median {r['wire_latency_us']['median']} us,"
                f" others {r['others_cores']} cores, load {r['load_before'][0]}->{r['load_after'][0]},"
                f" sipp exit {r['sipp_exit']}{' DISTURBED' if r['disturbed'] else ''}")
    finally:
        server.stop()
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
    return dict(server=kind, lookup=lookup, keep_connections=keep, name=server.name(), runs=results)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="undisturbed measured runs per configuration")
    ap.add_argument("--retries", type=int, default=4, help="extra runs allowed to replace disturbed ones")
    ap.add_argument("--calls", type=int, default=8000, help="OPTIONS per run")
    ap.add_argument("--warmup", type=int, default=20000, help="OPTIONS before the measured runs (JIT, pools)")
    ap.add_argument("--rate", type=int, default=400, help="OPTIONS per second")
    ap.add_argument("--quiet", type=float, default=0.25,
                    help="a run is disturbed when the rest of the machine used more than this many cores")
    ap.add_argument("--only", action="append", choices=["kamailio", "router", "router-async"],
                    help="race only these servers (repeatable); router-async is measured against router's no-lookup base")
    ap.add_argument("--router-java-opts", default="",
                    help="JVM options for the router, written --router-java-opts=\"-agentpath:...\" (with '=': they start with '-'), "
                         "e.g. a profiling agent (%%p in a file name: the process id); "
                         "a profiled race measures the profiler too: use it for where the time goes, not for figures")
    args = ap.parse_args()
    global ROUTER_JAVA_OPTS
    ROUTER_JAVA_OPTS = shlex.split(args.router_java_opts)

    for tool in ("sipp", "kamailio", "nginx", "tcpdump", "java"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            sys.exit(f"race: {tool} not found; see bench/sip-race/README.md for the packages")
    if not ROUTER_JAR.exists() and args.only != ["kamailio"]:
        sys.exit(f"race: {ROUTER_JAR} missing: build it with (cd examples/sip-router && mvn -B package -DskipTests), after installing httpcon and examples/sip-routing (see bench/sip-race/README.md)")

    work = Path(tempfile.mkdtemp(prefix="sip-race-"))
    (work / "tmp").mkdir()
    nginx = subprocess.Popen(["nginx", "-p", str(work), "-c", str(HERE / "nginx.conf"), "-e", "stderr"],
                             stdout=open(work / "nginx.log", "ab"), stderr=subprocess.STDOUT)
    time.sleep(1)
    if nginx.poll() is not None:
        sys.exit(f"race: nginx did not start: {(work / 'nginx.log').read_text()}")
    started = datetime.datetime.now(datetime.timezone.utc)
    out = dict(started=started.isoformat(timespec="seconds"), calls=args.calls, rate=args.rate,
               warmup=args.warmup, quiet_cores=args.quiet, ncpu=NCPU,
               versions=dict(kamailio=subprocess.run(["kamailio", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
                             sipp=subprocess.run(["sipp", "-v"], capture_output=True, text=True).stdout.strip().split("\n")[0],
                             java=subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.split("\n")[0]),
               configs=[])
    try:
        for kind, lookup, keep in CONFIGS:
            if args.only and kind not in args.only and not (kind == "router" and not lookup
                                                              and "router-async" in args.only):
                continue
            out["configs"].append(run_config(kind, lookup, keep, args, work, nginx.pid))
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(30)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / (started.strftime("%Y%m%dT%H%M%SZ") + ".json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    log(f"race: results in {path.relative_to(ROOT)} (work files in {work})")
    import report
    print(report.markdown(out))


def stop_on_signal(signum, frame):
    raise SystemExit(f"race: stopped by signal {signum}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.dont_write_bytecode = True   # no __pycache__ beside the scripts
    signal.signal(signal.SIGTERM, stop_on_signal)   # so that every server, tcpdump and nginx is stopped
    main()
