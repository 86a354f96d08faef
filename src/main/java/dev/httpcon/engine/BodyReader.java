package dev.httpcon.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a response body with an upper bound: never more than {@code limit} bytes are kept, and
 * reading stops as soon as the body is known to be longer (libcurl's {@code CURLOPT_MAXFILESIZE},
 * except that curl downloads everything first).
 */
final class BodyReader {

    /** The first allocation is never larger than this, whatever Content-Length claims. */
    private static final int MAX_INITIAL = 64 * 1024;

    private BodyReader() {
    }

    /** What was read: the bytes kept, and whether the body went on past the limit. */
    record Body(byte[] bytes, boolean exceeded) {
    }

    /**
     * Reads {@code in} to its end, or up to {@code limit} bytes (0 = no limit).
     *
     * @param declaredLength the Content-Length, or -1 when unknown
     * @param deadline       checked between reads, so a slow body cannot outlive it
     */
    static Body read(InputStream in, long limit, long declaredLength, Deadline deadline) throws IOException {
        long cap = limit > 0 ? limit : Integer.MAX_VALUE - 16;
        if (declaredLength > cap) {
            // Known to be too long: keep the prefix and stop, without reading the rest.
            return new Body(readUpTo(in, (int) cap, declaredLength, deadline), true);
        }
        byte[] kept = readUpTo(in, (int) cap, declaredLength, deadline);
        if (kept.length < cap) {
            return new Body(kept, false);
        }
        // Exactly at the limit: one more byte tells whether the body goes on (it is not kept).
        return new Body(kept, in.read() >= 0);
    }

    /**
     * Reads and throws away at most {@code limit} bytes; returns whether the end was reached (if
     * not, the connection cannot be reused).
     */
    static boolean drain(InputStream in, int limit, Deadline deadline) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        while (total <= limit) {
            int n = in.read(buf);
            if (n < 0) {
                return true;
            }
            total += n;
            checkDeadline(deadline);
        }
        return false;
    }

    private static byte[] readUpTo(InputStream in, int cap, long declaredLength, Deadline deadline)
            throws IOException {
        int initial = (int) Math.min(cap, declaredLength >= 0 ? Math.min(declaredLength, MAX_INITIAL) : 8192);
        byte[] buf = new byte[Math.max(initial, 16)];
        int len = 0;
        while (len < cap) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(16, (long) buf.length * 2)));
            }
            int n = in.read(buf, len, Math.min(buf.length, cap) - len);
            if (n < 0) {
                break;
            }
            len += n;
            checkDeadline(deadline);
        }
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    private static void checkDeadline(Deadline deadline) throws IOException {
        if (deadline.expired()) {
            throw new java.io.InterruptedIOException("deadline reached while reading the body");
        }
    }
}
