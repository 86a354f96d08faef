package dev.httpcon.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the documentation leads somewhere: the file or folder exists in the
 * repository, and a {@code #fragment} into a Markdown page names one of its headings (as GitHub
 * makes anchors of them). A repository path written in code font ({@code `docs/x.md`},
 * {@code `examples/...`}) names a file that exists. Links to other sites are not followed (no
 * network in the build).
 */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /**
     * A repository path in code font: {@code `docs/x.md`}, {@code `examples/a/b`}, or a page
     * {@code `x.md`} in docs/. ({@code src/...} is left out: the docs use it for the reader's
     * own project.) Build output ({@code target/}) and elisions ({@code ...}) are not checked.
     */
    private static final Pattern NAMED_PATH = Pattern.compile(
            "`((?:docs|examples|bench|it-tests)/[A-Za-z0-9_./-]+|[a-z][a-z0-9-]*\\.md)(?:#[a-z0-9-]+)?`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    private final Path root = Path.of("").toAbsolutePath();

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : new Snippets(root).pages()) {
            broken.addAll(brokenLinks(page));
        }
        assertEquals("", String.join("\n", broken), "links that lead nowhere");
    }

    @Test
    void aMissingFileOrHeadingIsFound() throws IOException {
        Path dir = Files.createTempDirectory("links");
        try {
            Path target = Files.writeString(dir.resolve("b.md"), "# Title\n\n## Error codes (HTTPCON-nnn)\n");
            Path page = Files.writeString(dir.resolve("a.md"),
                    "[ok](b.md) [ok](b.md#error-codes-httpcon-nnn) [ok](#own) [web](https://example.com/x)\n"
                            + "# Own\n[gone](c.md) [bad](b.md#nope) `docs/no-such-page.md`\n");
            List<String> broken = brokenLinks(page);
            String a = root.relativize(page).toString();
            assertEquals(List.of(a + ":3: `docs/no-such-page.md`: names a file that is not in the repository",
                    a + ":3: c.md: no such file", a + ":3: b.md#nope: no heading 'nope' in b.md"), broken);
            Files.delete(target);
            Files.delete(page);
        } finally {
            Files.delete(dir);
        }
    }

    private List<String> brokenLinks(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher named = NAMED_PATH.matcher(lines[i]);
            while (named.find()) {
                String path = named.group(1);
                boolean pageInDocs = !path.contains("/");
                if (pageInDocs && !root.relativize(page).startsWith("docs")) {
                    continue;   // a bare x.md outside docs/ may name a generated file
                }
                if (path.contains("/target/") || path.contains("...")) {
                    continue;
                }
                Path target = (pageInDocs ? page.getParent().resolve(path) : root.resolve(path)).normalize();
                if (!Files.exists(target) && !Files.exists(Path.of(target + ".java"))) {
                    broken.add(root.relativize(page) + ":" + (i + 1) + ": `" + path + "`: names a file that is not in the repository");
                }
            }
            Matcher m = LINK.matcher(lines[i]);
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;   // https:, mailto:, ...
                }
                String problem = problem(page, link);
                if (problem != null) {
                    broken.add(root.relativize(page) + ":" + (i + 1) + ": " + link + ": " + problem);
                }
            }
        }
        return broken;
    }

    private String problem(Path page, String link) throws IOException {
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        String fragment = hash < 0 ? null : link.substring(hash + 1);
        Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (fragment == null || !target.toString().endsWith(".md")) {
            return null;
        }
        if (!anchors(Files.readString(target, StandardCharsets.UTF_8)).contains(fragment)) {
            return "no heading '" + fragment + "' in " + (file.isEmpty() ? "this page" : file);
        }
        return null;
    }

    /** GitHub's anchors: lower case, punctuation dropped, spaces to '-', repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean inFence = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            Matcher h = HEADING.matcher(line);
            if (inFence || !h.matches()) {
                continue;
            }
            String slug = h.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("`", "")
                    .replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1")
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }
}
