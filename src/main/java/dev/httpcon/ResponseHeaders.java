package dev.httpcon;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The headers of a response, in the order received, as many times as the server sent each: a
 * response may repeat a header ({@code Set-Cookie}, {@code Link}, {@code Via}, ...). Names are
 * matched ignoring case, as HTTP requires. Immutable; iteration gives each header line.
 *
 * <pre>{@code
 * HttpResult r = api.get("/login");
 * String type = r.headers().first("content-type");          // the first value, or null
 * List<String> cookies = r.headers().all("Set-Cookie");      // every value, in order
 * for (HttpRequest.Header h : r.headers()) {                  // every line, in order
 *     System.out.println(h.name() + ": " + h.value());
 * }
 * }</pre>
 *
 * <p>{@link #toString()} masks the values of headers that carry credentials ({@link Redaction}'s
 * one rule, as {@link HttpRequest.Header#toString()}), so headers can be logged; the accessors give
 * the values as received.
 */
public final class ResponseHeaders implements Iterable<HttpRequest.Header> {

    private static final String[] NONE = new String[0];

    /** No headers. */
    public static final ResponseHeaders EMPTY = new ResponseHeaders(NONE, 0);

    /** Name, value, name, value, ... in the order received; only the first {@code 2 * size} are used. */
    private final String[] lines;
    private final int size;

    /** Takes {@code lines} as is: the caller (this package's builders) hands it over and never changes it. */
    ResponseHeaders(String[] lines, int size) {
        this.lines = lines;
        this.size = size;
    }

    /** The name, value, name, value, ... array, for this package's builders (which never change it). */
    String[] lines() {
        return lines;
    }

    /** The number of header lines. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether a header of this name (any case) was received. */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /** The value of the first header of this name (any case), or {@code null} when there is none. */
    public String first(String name) {
        for (int i = 0; i < size; i++) {
            if (lines[2 * i].equalsIgnoreCase(name)) {
                return lines[2 * i + 1];
            }
        }
        return null;
    }

    /** The values of every header of this name (any case), in the order received; empty if none. */
    public List<String> all(String name) {
        List<String> values = null;
        for (int i = 0; i < size; i++) {
            if (lines[2 * i].equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(lines[2 * i + 1]);
            }
        }
        return values == null ? List.of() : List.copyOf(values);
    }

    /**
     * Each header name once, in the order first received and spelt as first received: names that
     * differ only in case are one header.
     */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String n = lines[2 * i];
            if (!containsIgnoringCase(names, n)) {
                names.add(n);
            }
        }
        return List.copyOf(names);
    }

    /** Every header line in the order received, as a list. */
    public List<HttpRequest.Header> asList() {
        return new AbstractList<>() {
            @Override
            public HttpRequest.Header get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException("header " + index + " of " + size);
                }
                return line(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Every header line in the order received. */
    @Override
    public Iterator<HttpRequest.Header> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public HttpRequest.Header next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return line(next++);
            }
        };
    }

    private HttpRequest.Header line(int i) {
        return new HttpRequest.Header(lines[2 * i], lines[2 * i + 1]);
    }

    private static boolean containsIgnoringCase(List<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResponseHeaders other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < 2 * size; i++) {
            if (!lines[i].equals(other.lines[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < 2 * size; i++) {
            h = 31 * h + lines[i].hashCode();
        }
        return h;
    }

    /**
     * {@code [Name: value, ...]}, with the values of credential headers ({@code Set-Cookie} among
     * them) as {@code ****}: {@link Redaction#isSensitiveHeader}, the rule requests follow too.
     */
    @Override
    public String toString() {
        return asList().toString();
    }
}
