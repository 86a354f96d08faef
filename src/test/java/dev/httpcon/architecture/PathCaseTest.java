package dev.httpcon.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No two paths of the project differ only in case: on the default macOS and Windows file systems
 * one would overwrite the other at checkout ({@code Httpcon.java} and {@code HttpCon.java} once
 * did). Walks the working tree rather than asking git, since CI may build from an archive; build
 * output and the git directory are left out.
 */
class PathCaseTest {

    private static final Set<String> SKIPPED = Set.of("target", ".git");

    @Test
    void noTwoPathsAreEqualIgnoringCase() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")), "run from the project directory, not " + root);
        Map<String, List<String>> byFolded = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                add(file);
                return FileVisitResult.CONTINUE;
            }

            private void add(Path p) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                byFolded.computeIfAbsent(relative.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(relative);
            }
        });
        List<List<String>> clashes = new ArrayList<>();
        byFolded.values().stream().filter(paths -> paths.size() > 1).forEach(clashes::add);
        assertEquals(List.of(), clashes, "paths that differ only in case (rename one of each group)");
    }
}
