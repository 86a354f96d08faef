package dev.httpcon.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds {@link TlsSettings}: the global ones, and each connection's from the globals plus what the
 * connection sets itself. Identical settings give the same instance (the engine keeps one HTTP
 * client per distinct transport profile), and a connection that sets nothing TLS-related gets the
 * global instance itself. PEM files are read through one {@link PemReader}, so each is parsed once.
 */
final class TlsBuilder {

    /** A PEM file as read: where it came from and its contents. */
    private record Pem<T>(PemSource source, T value) {
    }

    /** Everything a TlsSettings is made from, with the settings the client identity came from (for messages). */
    private record Parts(boolean verifyPeer, boolean verifyHost, TlsVersion minVersion, List<String> cipherSuites,
                         Pem<List<X509Certificate>> ca, Pem<List<X509Certificate>> cert, Pem<PrivateKey> key,
                         Setting certSetting, Setting keySetting) {

        /** These parts without client certificate and key. */
        Parts withoutClientIdentity() {
            return new Parts(verifyPeer, verifyHost, minVersion, cipherSuites, ca, null, null, null, null);
        }
    }

    /** What makes two TlsSettings the same: values and file locations. */
    private record Profile(boolean verifyPeer, boolean verifyHost, TlsVersion minVersion, List<String> cipherSuites,
                           String ca, String cert, String key) {
    }

    private static final Parts BUILT_IN = new Parts(true, true, TlsVersion.DEFAULT, List.of(), null, null, null,
            null, null);

    private final FileResolver files;
    private final Problems problems;
    private final PemReader pemReader = new PemReader();
    private final Map<Profile, TlsSettings> shared = new HashMap<>();
    private final Map<String, Boolean> keyMatchesCert = new HashMap<>();
    private Parts globalParts;
    private TlsSettings global;

    TlsBuilder(FileResolver files, Problems problems) {
        this.files = files;
        this.problems = problems;
    }

    /** The global TLS settings ({@code httpclient.cacert}, ...). Call once, before {@link #forConnection}. */
    TlsSettings global(Map<Param, Setting> globals) {
        globalParts = apply(BUILT_IN, globals);
        checkPair(globalParts, globals);
        global = share(globalParts);
        return global;
    }

    /**
     * A connection's TLS settings, or null if what it sets itself is invalid (the problems are
     * recorded). Inherited global values are not checked again: the globals report their own problems.
     */
    TlsSettings forConnection(Map<Param, Setting> own) {
        if (Param.TLS.stream().noneMatch(own::containsKey)) {
            return global;
        }
        int before = problems.count();
        Parts parts = apply(globalParts, own);
        if (problems.count() > before) {
            return null;
        }
        if (own.containsKey(Param.CLIENT_CERT) || own.containsKey(Param.CLIENT_KEY)) {
            checkPair(parts, own); // else the pair is the global one, checked once in global()
        }
        return problems.count() > before ? null : share(parts);
    }

    private Parts apply(Parts base, Map<Param, Setting> settings) {
        return new Parts(
                (Boolean) problems.valueOf(settings, Param.VERIFY_PEER, base.verifyPeer()),
                (Boolean) problems.valueOf(settings, Param.VERIFY_HOST, base.verifyHost()),
                (TlsVersion) problems.valueOf(settings, Param.TLSVERSION, base.minVersion()),
                cipherSuites(problems.valueOf(settings, Param.CIPHER_SUITES, base.cipherSuites())),
                pem(settings.get(Param.CACERT), pemReader::certificates, base.ca()),
                pem(settings.get(Param.CLIENT_CERT), pemReader::certificates, base.cert()),
                pem(settings.get(Param.CLIENT_KEY), pemReader::privateKey, base.key()),
                settings.getOrDefault(Param.CLIENT_CERT, base.certSetting()),
                settings.getOrDefault(Param.CLIENT_KEY, base.keySetting()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> cipherSuites(Object parsed) {
        return (List<String>) parsed;
    }

    /** The file a setting names, read; the inherited one when not set; none for the null override. */
    private <T> Pem<T> pem(Setting setting, Function<FileResolver.Found, T> read, Pem<T> inherited) {
        if (setting == null) {
            return inherited;
        }
        String declared = (String) problems.parse(setting, null);
        if (declared == null) {
            return null;
        }
        try {
            FileResolver.Found file = files.resolve(declared);
            return new Pem<>(file.source(), read.apply(file));
        } catch (BadValue e) {
            problems.add(setting, e);
            return inherited;
        }
    }

    /**
     * client_cert and client_key go together and must belong together. A problem is reported at
     * a setting written in {@code written} (the connection's own, or the globals): the one present
     * (the key, for a mismatch), else the other one, which removed its partner with {@code ""}.
     */
    private void checkPair(Parts parts, Map<Param, Setting> written) {
        if (unreadable(parts.cert(), parts.certSetting()) || unreadable(parts.key(), parts.keySetting())) {
            return; // reported where the file was named
        }
        String problem = null;
        if (parts.cert() != null && parts.key() == null) {
            problem = "a client certificate needs its key: client_cert is " + file(parts.cert(), parts.certSetting())
                    + " (" + parts.certSetting().where() + ") but no client_key is set";
        } else if (parts.cert() == null && parts.key() != null) {
            problem = "a client key needs its certificate: client_key is " + file(parts.key(), parts.keySetting())
                    + " (" + parts.keySetting().where() + ") but no client_cert is set";
        } else if (parts.cert() != null && !matches(parts.cert(), parts.key())) {
            problem = "client_key " + file(parts.key(), parts.keySetting()) + " (" + parts.keySetting().where()
                    + ") is not the private key of client_cert " + file(parts.cert(), parts.certSetting()) + " ("
                    + parts.certSetting().where() + "): their public keys differ";
        }
        if (problem != null) {
            Param present = parts.key() != null ? Param.CLIENT_KEY : Param.CLIENT_CERT;
            Param other = present == Param.CLIENT_KEY ? Param.CLIENT_CERT : Param.CLIENT_KEY;
            problems.add(written.containsKey(present) ? written.get(present) : written.get(other), problem);
        }
    }

    /** A file name as a message may show it: quoted, or {@code ****} when it may hold part of a password. */
    private static String file(Pem<?> pem, Setting setting) {
        return setting.mayShowValue() ? "'" + pem.source().declared() + "'" : dev.httpcon.Redaction.MASK;
    }

    /** Whether a file was named (not reset) but could not be read: its problem is reported already. */
    private static boolean unreadable(Pem<?> pem, Setting named) {
        return pem == null && named != null && !named.isReset();
    }

    private boolean matches(Pem<List<X509Certificate>> cert, Pem<PrivateKey> key) {
        String pair = cert.source().location() + "\n" + key.source().location();
        return keyMatchesCert.computeIfAbsent(pair, p -> KeyMaterial.belongTogether(key.value(), cert.value().get(0).getPublicKey()));
    }

    private TlsSettings share(Parts parts) {
        // Half a client identity exists only after a reported problem: the load fails and these
        // settings are never handed out, but they must still be a valid object.
        Parts p = (parts.cert() == null) != (parts.key() == null) ? parts.withoutClientIdentity() : parts;
        Profile profile = new Profile(p.verifyPeer(), p.verifyHost(), p.minVersion(), p.cipherSuites(),
                location(p.ca()), location(p.cert()), location(p.key()));
        return shared.computeIfAbsent(profile, k -> new TlsSettings(p.verifyPeer(), p.verifyHost(), p.minVersion(),
                p.cipherSuites(), source(p.ca()), p.ca() == null ? List.of() : p.ca().value(), source(p.cert()),
                source(p.key()), p.cert() == null ? null : new KeyMaterial(p.cert().value(), p.key().value())));
    }

    private static String location(Pem<?> pem) {
        return pem == null ? null : pem.source().location();
    }

    private static PemSource source(Pem<?> pem) {
        return pem == null ? null : pem.source();
    }
}
