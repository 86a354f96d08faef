package dev.httpcon;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a body into one array with as little copying as can be: what
 * {@link HttpResult.Builder#readBody} does with a response body.
 */
final class BodyBytes {

    /** The longest body an array can hold (a little under {@code Integer.MAX_VALUE}, as the JDK's own buffers). */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 16;

    /** The first allocation is never larger than this, whatever Content-Length claims. */
    private static final int MAX_INITIAL = 64 * 1024;

    /** Blocks grow by doubling up to this size. */
    private static final int MAX_BLOCK = 1024 * 1024;

    private static final byte[] NONE = new byte[0];

    private BodyBytes() {
    }

    /**
     * Reads {@code in} to its end or to {@code cap} bytes, into blocks that are joined once at the
     * end, never into one array grown by copying: copying gigabytes of a fast endless body would
     * keep the caller busy long after its deadline (which a stream sees only between reads). A body
     * of its declared length fits the first block exactly and is returned without any copy.
     *
     * @param declaredLength the announced length, or -1 when unknown
     */
    static byte[] read(InputStream in, int cap, long declaredLength) throws IOException {
        int initial = (int) Math.min(cap, declaredLength >= 0 ? Math.min(declaredLength, MAX_INITIAL) : 8192);
        byte[] block = new byte[Math.max(initial, 16)];
        List<byte[]> full = null;   // made only for a body larger than its first block
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
                if (full == null) {
                    full = new ArrayList<>();
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
        }
        if (full == null) {
            return inBlock == block.length ? block : inBlock == 0 ? NONE : Arrays.copyOf(block, inBlock);
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
}
