package dev.httpcon.config;

import java.util.EnumSet;
import java.util.Set;

/**
 * The bits of the original's {@code authmethod} bitmap (libcurl's CURLAUTH_* values).
 * The default is {@code 3}: Basic and Digest, chosen after the server's challenge.
 */
public enum AuthMethod {
    /** 1: HTTP Basic. With Basic alone, credentials are sent on the first request, as curl does. */
    BASIC(1),
    /** 2: HTTP Digest (RFC 7616; MD5 and SHA-256). */
    DIGEST(2),
    /** 4: GSS-Negotiate (SPNEGO). Accepted; needs a Kerberos setup in the JVM to take effect. */
    NEGOTIATE(4),
    /** 8: NTLM, as far as the engine supports it. */
    NTLM(8),
    /** 16: Digest with Internet Explorer's flavour; handled as Digest. */
    DIGEST_IE(16);

    /** Every bit the original defines. */
    public static final int ALL_BITS = 1 | 2 | 4 | 8 | 16;

    private final int bit;

    AuthMethod(int bit) {
        this.bit = bit;
    }

    /** The bit of this method in the original's bitmap. */
    public int bit() {
        return bit;
    }

    /** The methods set in a bitmap; bits outside {@link #ALL_BITS} are the caller's to reject. */
    public static Set<AuthMethod> fromBits(int bits) {
        EnumSet<AuthMethod> set = EnumSet.noneOf(AuthMethod.class);
        for (AuthMethod m : values()) {
            if ((bits & m.bit) != 0) {
                set.add(m);
            }
        }
        return Set.copyOf(set);
    }

    /** The bitmap of a set of methods. */
    public static int toBits(Set<AuthMethod> methods) {
        int bits = 0;
        for (AuthMethod m : methods) {
            bits |= m.bit;
        }
        return bits;
    }
}
