package dev.httpcon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The refused port the other tests rely on: every connection is refused, every time, and nobody
 * else can take the port while it is held.
 */
class RefusedPortTest {

    @Test
    void everyConnectionIsRefused() throws IOException {
        try (RefusedPort p = RefusedPort.open()) {
            for (int i = 0; i < 200; i++) {
                try (Socket s = new Socket()) {
                    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), p.port());
                    ConnectException e = assertThrows(ConnectException.class, () -> s.connect(target, 5000),
                            "attempt " + i);
                    assertEquals("Connection refused", e.getMessage());
                }
            }
        }
    }

    @Test
    void httpconGetsCode7EveryTime() {
        RefusedPort p = RefusedPort.shared();
        try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                "kept=>" + p.url("/x") + ";keep_connections=1,fresh=>" + p.url("/x") + ";keep_connections=0"))) {
            for (String name : new String[] {"kept", "fresh"}) {
                HttpConnection c = http.connection(name);
                for (int i = 0; i < 50; i++) {
                    HttpResult r = c.get("/y");
                    assertEquals(7, r.code(), name + " attempt " + i + ": " + r);
                }
            }
        }
    }

    @Test
    void nobodyElseCanTakeThePort() throws IOException {
        try (RefusedPort p = RefusedPort.open()) {
            // What a server would do (SO_REUSEADDR on, as ServerSocket sets it on Linux).
            assertThrows(BindException.class, () -> {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p.port()));
                }
            });
            assertThrows(BindException.class, () -> {
                try (ServerSocketChannel s = ServerSocketChannel.open()) {
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p.port()));
                }
            });
            assertThrows(BindException.class, () -> {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(p.port()));   // the wildcard address
                }
            });
        }
    }

    @Test
    void theSharedPortStaysRefusedWhenSomeoneClosesIt() throws IOException {
        RefusedPort shared = RefusedPort.shared();
        shared.close();
        try (Socket s = new Socket()) {
            assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    shared.port()), 5000));
        }
        assertEquals(shared, RefusedPort.shared());
    }
}
