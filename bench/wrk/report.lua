-- wrk script of the httpcon benchmarks: one line in the format the harness reads,
--   WRK requests seconds p50_us p99_us p999_us errors
-- (wrk's latencies are in microseconds, its duration too).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %.3f %.1f %.1f %.1f %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    e.connect + e.read + e.write + e.status + e.timeout))
end
