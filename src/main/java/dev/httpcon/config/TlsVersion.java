package dev.httpcon.config;

import java.util.List;

/**
 * The lowest TLS version a connection accepts: the original's {@code tlsversion}, which libcurl
 * treats as a minimum. Numbers are the original's (0..7); SSLv2 (2) and SSLv3 (3) are refused at
 * deployment, since the JVM implements neither.
 */
public enum TlsVersion {
    /** 0: the JVM's defaults. */
    DEFAULT(0, "DEFAULT", List.of()),
    /** 1: TLSv1 or later, as libcurl's CURL_SSLVERSION_TLSv1. */
    TLSv1(1, "TLSv1", List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1")),
    /** 4: TLS 1.0 or later. */
    TLSv1_0(4, "TLSv1.0", List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1")),
    /** 5: TLS 1.1 or later. */
    TLSv1_1(5, "TLSv1.1", List.of("TLSv1.3", "TLSv1.2", "TLSv1.1")),
    /** 6: TLS 1.2 or later. */
    TLSv1_2(6, "TLSv1.2", List.of("TLSv1.3", "TLSv1.2")),
    /** 7: TLS 1.3 only (libcurl's CURL_SSLVERSION_TLSv1_3; beyond the original's manual). */
    TLSv1_3(7, "TLSv1.3", List.of("TLSv1.3"));

    private final int number;
    private final String label;
    private final List<String> protocols;

    TlsVersion(int number, String label, List<String> protocols) {
        this.number = number;
        this.label = label;
        this.protocols = protocols;
    }

    /** The original's number for this version. */
    public int number() {
        return number;
    }

    /** The original's name for this version, e.g. {@code "TLSv1.2"}. */
    public String label() {
        return label;
    }

    /** The JSSE protocol names to enable, highest first; empty for the JVM's defaults. */
    public List<String> protocols() {
        return protocols;
    }

    @Override
    public String toString() {
        return label;
    }
}
