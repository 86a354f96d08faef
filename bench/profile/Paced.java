import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.HttpConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
/**
 * GETs of the SIP router's lookup path ({@code /route?uri=<URL-encoded SIP URI>}) at a fixed rate from one
 * thread, through the plain-Java API with the router's settings: the HTTP side of the SIP race without the
 * SIP stack. Prints READY after the warm-up and DONE at the end, so that a script can read a server's CPU
 * in between.
 *
 * <pre>
 * javac -cp target/httpcon-0.1.0-SNAPSHOT.jar:'bench/target/lib/*' -d bench/target/profile bench/profile/Paced.java
 * java -cp target/httpcon-0.1.0-SNAPSHOT.jar:'bench/target/lib/*':bench/target/profile Paced PORT KEEP(1|0) WARMUP N RATE
 * </pre>
 */
public class Paced {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]); String keep = a[1]; int warm = Integer.parseInt(a[2]); int n = Integer.parseInt(a[3]); int rate = Integer.parseInt(a[4]);
        try (StandaloneHttpCon h = StandaloneHttpCon.start(Map.of(
                "httpclient.keep_connections", keep, "httpclient.connection_timeout", "2s",
                "httpclient.httpcon", "routing=>http://127.0.0.1:" + port + ";timeout=2s"))) {
            HttpConnection c = h.connection("routing");
            for (int i = 0; i < warm; i++) c.get("/route?uri=" + URLEncoder.encode("sip:u" + i + "@example.com", StandardCharsets.UTF_8));
            System.out.println("READY"); System.out.flush();
            Thread.sleep(1000);
            long period = 1_000_000_000L / rate, next = System.nanoTime();
            for (int i = 0; i < n; i++) {
                var r = c.get("/route?uri=" + URLEncoder.encode("sip:u" + i + "@example.com", StandardCharsets.UTF_8));
                if (r.code() != 200) throw new IllegalStateException(r.toString());
                next += period; long d = next - System.nanoTime(); if (d > 0) LockSupport.parkNanos(d);
            }
            System.out.println("DONE");
        }
    }
}
