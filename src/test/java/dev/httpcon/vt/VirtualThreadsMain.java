package dev.httpcon.vt;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Run by {@link VirtualThreadsTest} in a JVM of Java 21 or newer: {@code n} virtual threads call
 * one connection (blocking {@code get}, and every tenth an asynchronous call waited on), with JFR
 * recording {@code jdk.VirtualThreadPinned} at any duration. Prints one {@code PINNED} line per
 * event with a frame of httpcon's own code, a {@code CANARY} count (a class initialiser that
 * blocks, which pins on every JDK: proof that pinning is seen), and {@code RESULT ok=<n>}.
 * Compiled for Java 17 like the rest of the tests: virtual threads are reached by reflection.
 */
public final class VirtualThreadsMain {

    private VirtualThreadsMain() {
    }

    /** Blocks in its static initialiser: a virtual thread initialising it is pinned. */
    static final class Canary {
        static {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
            // initialises the class
        }
    }

    /** The JDK's reason for the pin, where its JFR event has one (JDK 24 and newer). */
    private static String reason(RecordedEvent e) {
        StringBuilder b = new StringBuilder();
        for (String field : new String[] {"pinnedReason", "blockingOperation", "carrierThread"}) {
            if (e.hasField(field)) {
                b.append(' ').append(field).append('=').append((Object) e.getValue(field));
            }
        }
        return b.toString().replaceAll("\\s+", " ");   // one line per event: the carrier thread prints on several
    }

    /**
     * A virtual thread that waits while another thread initialises a JDK class (JDK 24 and later
     * name it, e.g. {@code sun.nio.ch.Poller} on the first socket reads at once): the JDK's class
     * initialisation, under whatever code first touched the class, not a monitor of httpcon's.
     * Seen only under load, when two virtual threads reach the poller's first use together.
     */
    private static boolean jdkClassInitialisation(RecordedEvent e) {
        if (!e.hasField("pinnedReason")) {
            return false;
        }
        Object reason = e.getValue("pinnedReason");
        String prefix = "Waited for initialization of ";
        if (!(reason instanceof String r) || !r.startsWith(prefix)) {
            return false;
        }
        String type = r.substring(prefix.length());
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    /**
     * The JDK sets its socket poller up when a virtual thread first parks on a read, and the
     * threads that read meanwhile wait for that class initialisation, pinned (JDK 24 and newer
     * report it: {@code Waited for initialization of sun.nio.ch.Poller}). The warm-up calls may
     * find their answer already there and never park: one read here waits for a byte sent later.
     */
    private static void parkOnARead(ExecutorService threads) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            Future<Integer> read = threads.submit(() -> {
                try (Socket s = new Socket(loopback, server.getLocalPort())) {
                    return s.getInputStream().read();
                }
            });
            try (Socket accepted = server.accept()) {
                Thread.sleep(100);
                accepted.getOutputStream().write(1);
                read.get(1, TimeUnit.MINUTES);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        Path jfr = Path.of(args[2]);
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        Recording recording = new Recording();
        int ok = 0;
        try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                "api=>" + url + ";keep_connections=1;timeout=120s"))) {
            HttpConnection api = http.connection("api");
            // Loading or initialising a class pins a virtual thread on any JDK (the class loader's
            // native frames; the JDK's own socket poller on the first virtual-thread read):
            // whatever first use loads is loaded here, before recording.
            api.get("/json");
            api.getAsync("/json").join();
            threads.submit(() -> api.get("/json")).get();
            threads.submit(() -> api.getAsync("/json").join()).get();
            parkOnARead(threads);
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            threads.submit(Canary::touch).get();
            List<Future<HttpResult>> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                boolean async = i % 10 == 0;
                calls.add(threads.submit(() -> async ? api.getAsync("/json").join() : api.get("/json")));
            }
            for (Future<HttpResult> f : calls) {
                HttpResult r = f.get(5, TimeUnit.MINUTES);
                if (r.code() == 200) {
                    ok++;
                } else {
                    System.out.println("FAILED " + r);
                }
            }
        } finally {
            threads.shutdown();
            threads.awaitTermination(1, TimeUnit.MINUTES);
            recording.stop();
            recording.dump(jfr);
            recording.close();
        }
        int canary = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            List<String> frames = new ArrayList<>();
            boolean ours = false;
            boolean isCanary = false;
            if (e.getStackTrace() != null) {
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    String type = f.getMethod().getType().getName();
                    frames.add(type + "." + f.getMethod().getName() + ":" + f.getLineNumber());
                    isCanary |= type.equals(Canary.class.getName());
                    ours |= type.startsWith("dev.httpcon.") && !type.startsWith("dev.httpcon.vt.");
                }
            }
            if (isCanary) {
                canary++;
            } else if (ours && !jdkClassInitialisation(e)) {
                System.out.println("PINNED " + e.getDuration().toMillis() + " ms" + reason(e) + " " + frames);
            }
        }
        System.out.println("CANARY " + canary);
        System.out.println("RESULT ok=" + ok);
    }
}
