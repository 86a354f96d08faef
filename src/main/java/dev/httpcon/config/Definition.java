package dev.httpcon.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection as written in one place (an httpcon line, an INI section, the per-key properties):
 * its name, the name as a message may show it ({@code ****} when it may be part of a password cut
 * off by a split, see {@link ConfigText}), where it was written, the parameters it sets itself,
 * and its default headers by name as written. Globals are applied later.
 */
record Definition(String name, String shownName, String where, Map<Param, Setting> settings,
                  Map<String, Setting> headers) {

    /** A definition whose name can be shown (an INI section, per-key properties). */
    Definition(String name, String where, Map<Param, Setting> settings, Map<String, Setting> headers) {
        this(name, name, where, settings, headers);
    }

    Definition {
        // new EnumMap(Map) cannot copy an empty map that is not an EnumMap: it would not know the key type.
        settings = Collections.unmodifiableMap(settings.isEmpty() ? Map.of() : new EnumMap<>(settings));
        headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * This definition with {@code overrides} taking the place of its own values, and
     * {@code headerOverrides} of its own headers of the same name (in any letter case).
     */
    Definition overriddenBy(Map<Param, Setting> overrides, Map<String, Setting> headerOverrides) {
        Map<Param, Setting> merged = new EnumMap<>(Param.class);
        merged.putAll(settings);
        merged.putAll(overrides);
        Map<String, Setting> mergedHeaders = new LinkedHashMap<>(headers);
        headerOverrides.forEach((header, s) -> {
            mergedHeaders.keySet().removeIf(header::equalsIgnoreCase);
            mergedHeaders.put(header, s);
        });
        return new Definition(name, shownName, where, merged, mergedHeaders);
    }

    /** Whether the definition has a usable url (set, and not the null override). */
    boolean hasUrl() {
        Setting url = settings.get(Param.URL);
        return url != null && !url.isReset();
    }
}
