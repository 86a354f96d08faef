package dev.httpcon.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The server side of an NTLM handshake (MS-NLMP), enough to check a client for real: it answers
 * the client's NEGOTIATE with a CHALLENGE bound to the TCP connection, and accepts the
 * AUTHENTICATE message only on that same connection, for the right user and domain, with an
 * NTLMv2 proof computed from the right password.
 */
final class Ntlm {

    private static final int UNICODE = 0x1;
    private static final int REQUEST_TARGET = 0x4;
    private static final int NTLM = 0x200;
    private static final int ALWAYS_SIGN = 0x8000;
    private static final int TARGET_TYPE_DOMAIN = 0x10000;
    private static final int EXTENDED_SESSION_SECURITY = 0x80000;
    private static final int TARGET_INFO = 0x800000;
    private static final int N128 = 0x20000000;
    private static final int N56 = 0x80000000;

    private final String user;
    private final String password;
    private final String domain;
    private final Map<Integer, byte[]> challenges = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Ntlm(String user, String password, String domain) {
        this.user = user;
        this.password = password;
        this.domain = domain;
    }

    void handle(ReferenceServer.Exchange ex) throws Exception {
        String auth = ex.recorded.header("Authorization");
        byte[] msg = auth != null && auth.startsWith("NTLM ") ? Base64.getDecoder().decode(auth.substring(5).trim()) : null;
        int type = msg != null && msg.length >= 12 ? ByteBuffer.wrap(msg, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() : 0;
        if (type == 1) {
            byte[] challenge = new byte[8];
            random.nextBytes(challenge);
            challenges.put(ex.recorded.connection(), challenge);
            ex.respond(401, "text/plain", ReferenceServer.bytes("ntlm challenge\n"), "WWW-Authenticate",
                    "NTLM " + Base64.getEncoder().encodeToString(challengeMessage(challenge)));
            return;
        }
        if (type == 3) {
            byte[] challenge = challenges.remove(ex.recorded.connection());
            String who = challenge == null ? null : verify(msg, challenge);
            if (who != null) {
                ex.json(200, ReferenceServer.ordered("auth", "ntlm", "user", who), "");
                return;
            }
        }
        ex.respond(401, "text/plain", ReferenceServer.bytes("unauthorized ntlm\n"), "WWW-Authenticate", "NTLM");
    }

    private byte[] challengeMessage(byte[] challenge) {
        byte[] target = domain.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer info = ByteBuffer.allocate(4 + target.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        info.putShort((short) 2).putShort((short) target.length).put(target);   // MsvAvNbDomainName
        info.putShort((short) 0).putShort((short) 0);                             // MsvAvEOL
        int fixed = 48;
        ByteBuffer b = ByteBuffer.allocate(fixed + target.length + info.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(2);
        b.putShort((short) target.length).putShort((short) target.length).putInt(fixed);
        b.putInt(UNICODE | REQUEST_TARGET | NTLM | ALWAYS_SIGN | TARGET_TYPE_DOMAIN | EXTENDED_SESSION_SECURITY
                | TARGET_INFO | N128 | N56);
        b.put(challenge).put(new byte[8]);
        b.putShort((short) info.capacity()).putShort((short) info.capacity()).putInt(fixed + target.length);
        b.put(target).put(info.array());
        return b.array();
    }

    /** The user name if the AUTHENTICATE message proves the password, else {@code null}. */
    private String verify(byte[] msg, byte[] challenge) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nt = field(b, 20);
        String dom = new String(field(b, 28), StandardCharsets.UTF_16LE);
        String name = new String(field(b, 36), StandardCharsets.UTF_16LE);
        if (!name.equalsIgnoreCase(user) || !dom.equalsIgnoreCase(domain) || nt.length <= 24) {
            return null;   // NTLMv1 answers (24 bytes) are not accepted
        }
        MD4Digest md4 = new MD4Digest();
        byte[] pw = password.getBytes(StandardCharsets.UTF_16LE);
        md4.update(pw, 0, pw.length);
        byte[] ntHash = new byte[16];
        md4.doFinal(ntHash, 0);
        byte[] ntowf2 = hmac(ntHash, (name.toUpperCase(Locale.ROOT) + dom).getBytes(StandardCharsets.UTF_16LE));
        byte[] blob = Arrays.copyOfRange(nt, 16, nt.length);
        byte[] proof = hmac(ntowf2, concat(challenge, blob));
        return MessageDigest.isEqual(proof, Arrays.copyOf(nt, 16)) ? name : null;
    }

    private static byte[] field(ByteBuffer b, int at) {
        int len = b.getShort(at) & 0xffff;
        int off = b.getInt(at + 4);
        return Arrays.copyOfRange(b.array(), off, off + len);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
