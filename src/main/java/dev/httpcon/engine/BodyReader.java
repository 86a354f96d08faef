package dev.httpcon.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a response body with an upper bound: never more than {@code limit} bytes are kept, and
 * reading stops as soon as the body is known to be longer (libcurl's {@code CURLOPT_MAXFILESIZE},
 * except that curl downloads everything first).
 */
final class BodyReader {

    /** The first allocation is never larger than this, whatever Content-Length claims. */
    private static final int MAX_INITIAL = 64 * 1024;

    /** Blocks grow by doubling up to this size. */
    private static final int MAX_BLOCK = 1024 * 1024;

    private BodyReader() {
    }

    /** What was read: the bytes kept, and whether the body went on past the limit. */
    record Body(byte[] bytes, boolean exceeded) {
    }

    /**
     * Reads {@code in} to its end, or up to {@code limit} bytes (0 = no limit).
     *
     * @param declaredLength the Content-Length, or -1 when unknown
     * @param deadline       checked between reads (with the thread's interrupt), so a slow body cannot outlive it
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

    /**
     * Reads into blocks that are joined once at the end, never into one array grown by copying:
     * copying gigabytes of a fast endless body would keep the caller busy past its deadline (the
     * deadline is only seen between reads).
     */
    private static byte[] readUpTo(InputStream in, int cap, long declaredLength, Deadline deadline)
            throws IOException {
        int initial = (int) Math.min(cap, declaredLength >= 0 ? Math.min(declaredLength, MAX_INITIAL) : 8192);
        byte[] block = new byte[Math.max(initial, 16)];
        List<byte[]> full = new ArrayList<>();
        int inBlock = 0;
        int total = 0;
        while (total < cap) {
            if (inBlock == block.length) {
                int next = -1;
                if (total == declaredLength) {
                    // The declared length has arrived: the end is the usual answer, and a one-byte
                    // read finds it without a second block and a copy of the first.
                    next = in.read();
                    if (next < 0) {
                        break;
                    }
                }
                full.add(block);
                block = new byte[Math.min(Math.min(block.length * 2, MAX_BLOCK), cap - total)];
                inBlock = 0;
                if (next >= 0) {
                    block[inBlock++] = (byte) next;
                    total++;
                    continue;
                }
            }
            int n = in.read(block, inBlock, Math.min(block.length - inBlock, cap - total));
            if (n < 0) {
                break;
            }
            inBlock += n;
            total += n;
            checkDeadline(deadline);
        }
        if (full.isEmpty()) {
            return inBlock == block.length ? block : Arrays.copyOf(block, inBlock);
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] b : full) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        System.arraycopy(block, 0, all, at, inBlock);
        return all;
    }

    /** Between reads: the deadline, and the calling thread's interrupt (which stays set). */
    private static void checkDeadline(Deadline deadline) throws IOException {
        if (deadline.expired()) {
            throw new java.io.InterruptedIOException("deadline reached while reading the body");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new java.io.InterruptedIOException("the calling thread was interrupted while reading the body");
        }
    }
}
