package dev.httpcon.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the failover references: each names a defined connection, and no chain comes back to a
 * connection it passed (the engine follows the chain, each connection at most once; a cycle is a
 * configuration mistake, reported once with its path {@code a -> b -> a}). The original found an
 * unknown failover only at request time, and followed one hop.
 */
final class FailoverCheck {

    /** How many defined names a message lists before it shortens the list. */
    private static final int NAMES_SHOWN = 20;

    private FailoverCheck() {
    }

    static void check(Map<String, Definition> definitions, Problems problems) {
        Map<String, Setting> failover = new LinkedHashMap<>();
        Map<String, String> next = new HashMap<>();
        definitions.forEach((name, d) -> {
            Setting s = d.settings().get(Param.FAILOVER);
            // Malformed names are reported by ConnectionBuilder; the null override means no failover.
            if (s != null && Values.isName(s.value())) {
                failover.put(name, s);
                if (definitions.containsKey(s.value())) {
                    next.put(name, s.value());
                } else {
                    List<String> shown = SettingsLoader.shownNames(definitions);
                    String close = Suggest.closest(s.value(), shown);
                    problems.add(s, "no connection of that name; defined: " + shortList(shown),
                            "no connection named '" + s.value() + "'"
                                    + (close == null ? "" : "; did you mean " + close + "?")
                                    + "; defined: " + shortList(shown));
                }
            }
        });
        reportCycles(definitions, next, failover, problems);
    }

    private static void reportCycles(Map<String, Definition> definitions, Map<String, String> next,
                                     Map<String, Setting> failover, Problems problems) {
        Set<String> done = new HashSet<>();
        for (String start : definitions.keySet()) {
            List<String> path = new ArrayList<>();
            Map<String, Integer> onPath = new HashMap<>();
            String current = start;
            while (current != null && !done.contains(current) && !onPath.containsKey(current)) {
                onPath.put(current, path.size());
                path.add(current);
                current = next.get(current);
            }
            if (current != null && onPath.containsKey(current)) {
                List<String> cycle = new ArrayList<>();
                for (String n : path.subList(onPath.get(current), path.size())) {
                    cycle.add(definitions.get(n).shownName());
                }
                cycle.add(definitions.get(current).shownName());
                problems.add(failover.get(current), "failover cycle " + String.join(" -> ", cycle)
                        + ": a failover chain must end at a connection without failover");
            }
            done.addAll(path);
        }
    }

    private static String shortList(List<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return names.toString();
        }
        List<String> first = names.stream().limit(NAMES_SHOWN).toList();
        return "[" + String.join(", ", first) + ", ... (" + (names.size() - NAMES_SHOWN) + " more)]";
    }
}
