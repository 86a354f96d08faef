package dev.httpcon.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a file named in configuration ({@code config_file}, {@code cacert}, {@code client_cert},
 * {@code client_key}), following the original's rule with classpath steps added:
 * <ul>
 *   <li>{@code ./x} or {@code ../x}: relative to the working directory;</li>
 *   <li>{@code /x}: absolute;</li>
 *   <li>anything else: a classpath resource (thread context class loader); else, when the
 *       {@code config_file} is itself a classpath resource and no {@code config_dir} is set, the
 *       resource next to it ({@code tls/ca.pem} beside {@code httpcon/connections.cfg} is
 *       {@code httpcon/tls/ca.pem}); else a file relative to the base directory
 *       ({@code httpclient.config_dir}, by default the directory of the {@code config_file} when it
 *       is a file, else the working directory).</li>
 * </ul>
 * So "next to the config file" holds whether the file is a file or a resource packed in a jar.
 * Lookups are remembered for the load, so ten thousand connections naming one CA look once.
 */
final class FileResolver {

    /**
     * A file that was found: the name as written and where it is ({@code path} is null inside a
     * jar); {@code resource} is the classpath resource name when it was found as one, else null.
     */
    record Found(PemSource source, URL url, Path path, String resource) {

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
    /** The classpath folder of a config_file found as a resource ({@code ""} at the root, {@code "httpcon/"}), or null. */
    private final String resourceFolder;
    private final Memo<Found> found = new Memo<>();

    FileResolver(Path workingDir, Path baseDir, ClassLoader loader) {
        this(workingDir, baseDir, loader, null);
    }

    FileResolver(Path workingDir, Path baseDir, ClassLoader loader, String resourceFolder) {
        this.workingDir = workingDir;
        this.baseDir = baseDir;
        this.loader = loader;
        this.resourceFolder = resourceFolder == null || resourceFolder.isEmpty() ? null : resourceFolder;
    }

    /** The classpath folder of a resource name: {@code httpcon/} for {@code httpcon/connections.cfg}, else {@code ""}. */
    static String folderOf(String resource) {
        int slash = resource.lastIndexOf('/');
        return slash < 0 ? "" : resource.substring(0, slash + 1);
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
        Found resource = resource(declared, declared);
        if (resource == null && resourceFolder != null) {
            resource = resource(declared, resourceFolder + declared);
        }
        if (resource != null) {
            return resource;
        }
        return file(declared, baseDir.resolve(declared), resourceFolder != null
                ? "no classpath resource of that name at the root or next to the config_file (" + resourceFolder
                        + declared + ") either, nor a file in " + baseDir
                : "no classpath resource of that name either; other names are relative to httpclient.config_dir "
                        + baseDir);
    }

    /** The classpath resource {@code name} (written as {@code declared}), or null if there is none. */
    private Found resource(String declared, String name) {
        URL resource = loader == null ? null : loader.getResource(name);
        if (resource == null) {
            return null;
        }
        Path resourcePath = pathOf(resource);
        if (resourcePath != null && Files.isDirectory(resourcePath)) {
            throw new BadValue("is a directory on the classpath; expected a file",
                    "is a directory on the classpath: " + resource + "; expected a file");
        }
        return new Found(new PemSource(declared, resource.toString()), resource, resourcePath, name);
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
            return new Found(new PemSource(declared, p.toString()), p.toUri().toURL(), p, null);
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
