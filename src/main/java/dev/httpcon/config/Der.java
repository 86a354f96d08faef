package dev.httpcon.config;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER to wrap OpenSSL's traditional key files (PKCS#1 RSA, SEC1 EC) into the PKCS#8
 * form the JDK's key factories read, so that no ASN.1 library is needed at run time.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** The context tag [0] that holds the curve in a SEC1 key. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /** One element: tag, length, then the concatenated contents. */
    static byte[] encode(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            // Long form: 0x80 + the number of length bytes, then the length big-endian.
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /**
     * The elements inside a constructed element (a SEQUENCE, a context tag), each as its full
     * encoding. @throws IllegalArgumentException if the encoding is broken
     */
    static List<byte[]> children(byte[] element) {
        int[] header = header(element, 0);
        int start = header[0];
        int end = start + header[1];
        List<byte[]> children = new ArrayList<>();
        int pos = start;
        while (pos < end) {
            int[] h = header(element, pos);
            int next = h[0] + h[1];
            if (next > end) {
                throw new IllegalArgumentException("element runs past its parent");
            }
            children.add(Arrays.copyOfRange(element, pos, next));
            pos = next;
        }
        return children;
    }

    /** The tag of an element. */
    static int tag(byte[] element) {
        return element[0] & 0xFF;
    }

    /** The content of an element (without tag and length). */
    static byte[] content(byte[] element) {
        int[] header = header(element, 0);
        return Arrays.copyOfRange(element, header[0], header[0] + header[1]);
    }

    /** {contentStart, contentLength} of the element at {@code pos}. */
    private static int[] header(byte[] der, int pos) {
        if (pos + 2 > der.length) {
            throw new IllegalArgumentException("truncated element");
        }
        int first = der[pos + 1] & 0xFF;
        int start = pos + 2;
        int length = first;
        if (first >= 0x80) {
            int bytes = first & 0x7F;
            if (bytes == 0 || bytes > 4 || start + bytes > der.length) {
                throw new IllegalArgumentException("unsupported length encoding");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[start + i] & 0xFF);
            }
            start += bytes;
        }
        if (length < 0 || start + length > der.length) {
            throw new IllegalArgumentException("element longer than its data");
        }
        return new int[] {start, length};
    }
}
