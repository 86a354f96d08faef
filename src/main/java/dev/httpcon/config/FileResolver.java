package dev.httpcon.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a file named in configuration ({@code config_file}, {@code cacert}, {@code client_cert},
 * {@code client_key}), following the original's rule with a classpath step added:
 * <ul>
 *   <li>{@code ./x} or {@code ../x}: relative to the working directory;</li>
 *   <li>{@code /x}: absolute;</li>
 *   <li>anything else: a classpath resource (thread context class loader), else a file relative
 *       to the base directory ({@code httpclient.config_dir}, by default the directory of the
 *       {@code config_file}, else the working directory).</li>
 * </ul>
 * Lookups are remembered for the load, so ten thousand connections naming one CA look once.
 */
final class FileResolver {

    /** A file that was found: the name as written and where it is ({@code path} is null inside a jar). */
    record Found(PemSource source, URL url, Path path) {

        /** The file's bytes. @throws BadValue if it cannot be read */
        byte[] read() {
            try (InputStream in = url.openStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new BadValue("cannot be read (" + e.getClass().getSimpleName() + ")",
                        "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
    }

    private final Path workingDir;
    private final Path baseDir;
    private final ClassLoader loader;
    private final Memo<Found> found = new Memo<>();

    FileResolver(Path workingDir, Path baseDir, ClassLoader loader) {
        this.workingDir = workingDir;
        this.baseDir = baseDir;
        this.loader = loader;
    }

    /** The file {@code declared} names. @throws BadValue saying where it was looked for */
    Found resolve(String declared) {
        return found.get(declared, this::find);
    }

    private Found find(String declared) {
        if (declared.isBlank()) {
            throw new BadValue("expected a file name");
        }
        if (declared.startsWith(".")) {
            return file(declared, workingDir.resolve(declared), "names starting with '.' are relative to the working "
                    + "directory " + workingDir);
        }
        Path path = Path.of(declared);
        if (path.isAbsolute()) {
            return file(declared, path, "an absolute name");
        }
        URL resource = loader == null ? null : loader.getResource(declared);
        if (resource != null) {
            Path resourcePath = pathOf(resource);
            if (resourcePath != null && Files.isDirectory(resourcePath)) {
                throw new BadValue("is a directory on the classpath; expected a file",
                        "is a directory on the classpath: " + resource + "; expected a file");
            }
            return new Found(new PemSource(declared, resource.toString()), resource, resourcePath);
        }
        return file(declared, baseDir.resolve(declared), "no classpath resource of that name either; other names are "
                + "relative to httpclient.config_dir " + baseDir);
    }

    private static Found file(String declared, Path path, String rule) {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new BadValue("file not found (" + rule + ")", "file not found: " + p + " (" + rule + ")");
        }
        if (Files.isDirectory(p)) {
            throw new BadValue("is a directory; expected a file", "is a directory: " + p + "; expected a file");
        }
        if (!Files.isReadable(p)) {
            throw new BadValue("file not readable (check its permissions)",
                    "file not readable: " + p + " (check its permissions)");
        }
        try {
            return new Found(new PemSource(declared, p.toString()), p.toUri().toURL(), p);
        } catch (IOException e) {
            throw new BadValue("cannot be read", "cannot be read: " + p);
        }
    }

    /** The file behind a classpath resource, when it is a plain file (not inside a jar). */
    private static Path pathOf(URL resource) {
        if (!resource.getProtocol().equals("file")) {
            return null;
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
