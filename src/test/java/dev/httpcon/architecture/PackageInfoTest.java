package dev.httpcon.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of the library says in its {@code package-info.java} who it is for: the internal
 * ones that they are internal and may change without notice, so nobody builds on them by mistake.
 */
class PackageInfoTest {

    /** What applications use: the API, and the container-less entry point. */
    private static final Set<String> PUBLIC = Set.of("dev/httpcon", "dev/httpcon/standalone");

    @Test
    void everyInternalPackageSaysItIsInternal() throws IOException {
        Path root = Path.of("src/main/java");
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(root.resolve("dev/httpcon"))) {
            packages = dirs.filter(d -> Files.isDirectory(d) && hasJava(d)).toList();
        }
        assertTrue(packages.size() >= 10, packages.toString());
        List<String> problems = new ArrayList<>();
        for (Path p : packages) {
            String name = root.relativize(p).toString().replace('\\', '/');
            Path info = p.resolve("package-info.java");
            if (!Files.isRegularFile(info)) {
                problems.add(name + ": no package-info.java");
                continue;
            }
            String text = Files.readString(info).toLowerCase(Locale.ROOT);
            boolean saysInternal = text.contains("internal") && text.contains("without notice");
            if (!PUBLIC.contains(name) && !saysInternal) {
                problems.add(name + ": package-info.java does not say the package is internal and may change without"
                        + " notice");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
