package dev.httpcon.config;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/** "Did you mean" hints: the closest known name by edit distance, when it is close enough to be a typo. */
final class Suggest {

    private Suggest() {
    }

    /**
     * {@code "; did you mean X?"} for the closest candidate, else {@code "; expected one of [...]"}
     * (sorted), so every unknown name gets a way forward.
     */
    static String didYouMean(String unknown, Collection<String> candidates) {
        String best = closest(unknown, candidates);
        return best != null ? "; did you mean " + best + "?" : "; expected one of " + new TreeSet<>(candidates);
    }

    /**
     * The closest candidate within a typo's distance (2 edits, or a quarter of the length), or null;
     * candidates are tried in sorted order so that ties resolve the same way every time.
     */
    static String closest(String unknown, Collection<String> candidates) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Math.max(2, unknown.length() / 4) + 1;
        for (String c : new TreeSet<>(candidates)) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
