package dev.httpcon.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Results by key for one load, failures included, so that a file shared by thousands of
 * connections is resolved and parsed once (and a broken one is diagnosed once).
 */
final class Memo<T> {

    private final Map<String, Object> results = new HashMap<>();

    /** The result for {@code key}, computed on first use. @throws BadValue if computing it failed */
    @SuppressWarnings("unchecked")
    T get(String key, Function<String, T> compute) {
        Object result = results.computeIfAbsent(key, k -> {
            try {
                return compute.apply(k);
            } catch (BadValue e) {
                return e;
            }
        });
        if (result instanceof BadValue e) {
            throw e;
        }
        return (T) result;
    }
}
