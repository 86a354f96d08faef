package dev.httpcon.engine;

import dev.httpcon.HttpResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Reads a response body with an upper bound: never more than {@code limit} bytes are kept, and
 * reading stops as soon as the body is known to be longer (libcurl's {@code CURLOPT_MAXFILESIZE},
 * except that curl downloads everything first). The bytes go straight into the result's own array
 * ({@link HttpResult.Builder#readBody}); the deadline is checked between reads.
 */
final class BodyReader {

    private BodyReader() {
    }

    /**
     * Reads {@code in} into {@code result}, to its end or up to {@code limit} bytes (0 = no limit).
     *
     * @param declaredLength the Content-Length, or -1 when unknown
     * @param deadline       checked between reads (with the thread's interrupt), so a slow body cannot outlive it
     */
    static Body read(InputStream in, long limit, long declaredLength, Deadline deadline, HttpResult.Builder result)
            throws IOException {
        Body body = new Body(in, deadline, limit);
        body.exceeded = result.readBody(body, limit, declaredLength);
        return body;
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

    /** Between reads: the deadline, and the calling thread's interrupt (which stays set). */
    private static void checkDeadline(Deadline deadline) throws IOException {
        if (deadline.expired()) {
            throw new InterruptedIOException("deadline reached while reading the body");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("the calling thread was interrupted while reading the body");
        }
    }

    /**
     * The body stream as the result reads it, the deadline checked after every block read, and
     * afterwards what was read: one object per response.
     */
    static final class Body extends FilterInputStream {
        private final Deadline deadline;
        private final long limit;
        private long count;
        private boolean exceeded;

        private Body(InputStream in, Deadline deadline, long limit) {
            super(in);
            this.deadline = deadline;
            this.limit = limit;
        }

        /** How many bytes were kept. */
        long kept() {
            // the only byte read beyond the kept ones is the one that tells the body goes on
            return exceeded ? Math.min(count, limit) : count;
        }

        /** Whether the body went on past the limit. */
        boolean exceeded() {
            return exceeded;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            checkDeadline(deadline);
            return n;
        }
    }
}
