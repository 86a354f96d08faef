package dev.httpcon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API's values are immutable for real: no public method hands out an array they keep, and no
 * public method keeps an array it is given. (There was {@code HttpRequest.bodyUnsafe()} and
 * {@code HttpResult.Builder.bodyOwned(byte[])}, whose contract was "do not change it".) Found by
 * reflection, so a method added later is checked too.
 */
class ValuesHandOutNoInternalsTest {

    private static final byte[] BODY = "body bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void noAccessorHandsOutAnArrayTheValueKeeps() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Object value : List.of(HttpRequest.post("/x", "text/plain", BODY),
                HttpResult.builder().status(200).body(BODY).header("X-A", "1").build())) {
            for (Method m : value.getClass().getMethods()) {
                if (m.getParameterCount() == 0 && m.getReturnType().isArray() && !Modifier.isStatic(m.getModifiers())) {
                    Object first = m.invoke(value);
                    assertNotSame(first, m.invoke(value), m + " hands out the array it keeps");
                    checked.add(m.getName());
                }
            }
        }
        assertFalse(checked.isEmpty());
    }

    @Test
    void noMethodKeepsAnArrayItIsGiven() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<?> builder : List.of(HttpRequest.Builder.class, HttpResult.Builder.class)) {
            for (Method m : builder.getMethods()) {
                if (List.of(m.getParameterTypes()).contains(byte[].class)) {
                    byte[] given = BODY.clone();
                    Object b = builder == HttpRequest.Builder.class ? HttpRequest.builder("POST", "/x")
                            : HttpResult.builder().status(200);
                    m.invoke(b, arguments(m, given));
                    given[0] = 'X';
                    assertArrayEquals(BODY, body(b), m + " keeps the caller's array");
                    checked.add(m.getName());
                }
            }
        }
        assertFalse(checked.isEmpty());
    }

    @Test
    void theRequestBodyIsReadAndWrittenWithoutBeingHandedOut() throws Exception {
        HttpRequest r = HttpRequest.post("/x", "text/plain", BODY);
        assertArrayEquals(BODY, r.bodyStream().readAllBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.writeBody(out);
        assertArrayEquals(BODY, out.toByteArray());
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        HttpRequest.get("/x").writeBody(none);
        assertArrayEquals(new byte[0], none.toByteArray());
        assertArrayEquals(new byte[0], HttpRequest.get("/x").bodyStream().readAllBytes());
    }

    private static Object[] arguments(Method m, byte[] given) {
        Object[] args = new Object[m.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            Class<?> t = m.getParameterTypes()[i];
            args[i] = t == byte[].class ? given : t == String.class ? "text/plain" : null;
        }
        return args;
    }

    private static byte[] body(Object builder) {
        return builder instanceof HttpRequest.Builder b ? b.build().body() : ((HttpResult.Builder) builder).build().body();
    }
}
