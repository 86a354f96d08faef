package dev.httpcon.bench;

import dev.httpcon.HttpConnection;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code boot --connections N --form lines|keys|weld --round R --out file}: in a fresh JVM, the time to
 * boot Weld SE with httpcon (and SmallRye Metrics) over N connection definitions, the time to the
 * first connection bean, and the heap in use after a full GC with the container up. The retained
 * heap per idle connection is the slope of that heap over N (see {@link Report}).
 *
 * <p>{@code lines}: the original's form, {@code httpclient.httpcon[i]=c<i>=>http://...};
 * {@code keys}: one key per parameter, {@code httpclient.connection.c<i>.url};
 * {@code weld}: no httpcon, N synthetic beans registered as httpcon registers its connections
 * (Weld's own cost of N beans; no first bean is asked for).
 */
final class BootCommand {

    /** The form without httpcon: N synthetic beans, one per connection (httpcon's registration before issue 18). */
    static final String WELD_ONLY = "weld";

    private BootCommand() {
    }

    static void boot(Options o) throws Exception {
        int n = o.integer("connections");
        String form = o.get("form", "lines");
        Map<String, String> config = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String url = "http://127.0.0.1:8080/api/" + i;
            switch (form) {
                case "lines" -> config.put("httpclient.httpcon[" + i + "]", "c" + i + "=>" + url);
                case "keys" -> config.put("httpclient.connection.c" + i + ".url", url);
                case WELD_ONLY -> { }
                default -> throw new IllegalArgumentException("--form lines, keys or weld, not " + form);
            }
        }
        boolean weldOnly = form.equals(WELD_ONLY);
        double loadBefore = Results.load1();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Container container = weldOnly ? Container.bootSyntheticBeans(n) : Container.boot(config);
        long t1 = System.nanoTime();
        // The CPU time of the whole process over the boot (JIT and GC threads included): on a busy
        // machine it moves much less than the wall time.
        double cpuMs = (processCpuNanos() - cpu0) / 1e6;
        if (n > 0 && !weldOnly) {
            HttpConnection first = container.connection("c0");
            if (!first.name().equals("c0")) {
                throw new IllegalStateException("wrong bean: " + first);
            }
        }
        long t2 = System.nanoTime();
        long heap = heapAfterGc();
        double loadAfter = Results.load1();
        Reference.reachabilityFence(container);
        double bootMs = (t1 - t0) / 1e6;
        double firstMs = (t2 - t1) / 1e6;
        new Results(o.path("out")).boot(form, n, o.integer("round", 1), bootMs, heap, firstMs, loadBefore, loadAfter, cpuMs);
        System.out.printf("boot %-5s %6d connections: %8.1f ms (CPU %8.1f ms), first bean %6.2f ms, heap after GC %6.1f MiB, "
                + "load %.2f/%.2f%n", form, n, bootMs, cpuMs, firstMs, heap / 1048576.0, loadBefore, loadAfter);
        container.close();
    }

    /** The CPU time of this JVM, every thread, or -1 where the platform does not say. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Heap in use after full collections, once two in a row agree within 1%. */
    private static long heapAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) <= used / 100) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
