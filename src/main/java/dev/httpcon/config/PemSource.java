package dev.httpcon.config;

import java.util.Objects;

/**
 * Where a PEM file named in configuration was found: the name as written ({@code declared}) and
 * the place it was read from ({@code location}: an absolute path or a classpath URL). Carries no
 * key material, so it is safe to print.
 */
public record PemSource(String declared, String location) {
    public PemSource {
        Objects.requireNonNull(declared, "declared must be set");
        Objects.requireNonNull(location, "location must be set");
    }

    @Override
    public String toString() {
        return declared;
    }
}
