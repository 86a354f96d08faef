package dev.httpcon.core;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watches files a configuration was read from (the {@code config_file}, certificates, keys, CA
 * files) and calls back when the contents of one of them changed.
 *
 * <p>It watches the directories, not the files: an editor or a deployment tool that writes a new
 * file and renames it over the old one (and Kubernetes, which swaps a symbolic link to a new
 * directory) replaces the file a watch on it would follow. Any event in a watched directory makes
 * it compare each file's contents (a SHA-256 of its bytes; its size and time for a file over
 * 1 MiB) with what they were: a change calls back once, a touch or an unrelated file does not.
 *
 * <p>Latency: the JDK's {@code WatchService}, which on Linux is inotify (events at once), on other
 * systems may poll (every few seconds). {@code httpclient.reload_period} is the way to go where
 * no watch works (a network file system).
 */
final class FileWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FileWatch.class.getName());
    private static final long HASHED_MAX = 1024 * 1024;

    private final Set<Path> files;
    private final Runnable onChange;
    private final WatchService service;
    private final Thread thread;
    private final Map<Path, Object> seen = new HashMap<>();

    private FileWatch(Set<Path> files, Runnable onChange, WatchService service) {
        this.files = Set.copyOf(files);
        this.onChange = onChange;
        this.service = service;
        for (Path f : files) {
            seen.put(f, fingerprint(f));
        }
        this.thread = new Thread(this::run, "httpcon-file-watch");
        thread.setDaemon(true);
    }

    /**
     * Watches {@code files} (absolute paths); {@code null} if the system cannot watch (the reason
     * is logged: a reload then needs a trigger of its own).
     */
    static FileWatch start(Set<Path> files, Runnable onChange) {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "httpcon: files cannot be watched here (" + e + "); set httpclient.reload_period"
                    + " to reload on a timer");
            return null;
        }
        FileWatch w = new FileWatch(files, onChange, service);
        Set<Path> dirs = new LinkedHashSet<>();
        files.forEach(f -> dirs.add(f.getParent()));
        for (Path dir : dirs) {
            try {
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "httpcon: directory " + dir + " cannot be watched (" + e
                        + "); changes of the files in it trigger no reload (httpclient.reload_period would)");
            }
        }
        w.thread.start();
        LOG.log(Level.DEBUG, () -> "httpcon: watching " + files + " for changes");
        return w;
    }

    /** The file a configuration names by {@code location} (a path or a {@code file:} URL), or null if none. */
    static Path path(String location) {
        try {
            if (location.startsWith("file:")) {
                return Path.of(URI.create(location)).toAbsolutePath().normalize();
            }
            Path p = Path.of(location);
            return p.isAbsolute() ? p.normalize() : null;
        } catch (RuntimeException notAFile) {
            return null;   // a jar: URL, a classpath resource inside an archive
        }
    }

    Set<Path> files() {
        return files;
    }

    private void run() {
        try {
            for (;;) {
                WatchKey key = service.take();
                key.pollEvents();
                key.reset();
                if (changed()) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException closed) {
            // closed
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "httpcon: the file watch stopped: " + e, e);
        }
    }

    /** Whether a watched file's contents differ from the last look (which becomes this one). */
    private synchronized boolean changed() {
        boolean changed = false;
        for (Path f : files) {
            Object now = fingerprint(f);
            if (!Objects.equals(now, seen.put(f, now))) {
                changed = true;
            }
        }
        return changed;
    }

    /** What a file is now: a hash of its bytes, its size and time when large, or a word when unreadable. */
    private static Object fingerprint(Path f) {
        try {
            long size = Files.size(f);
            if (size > HASHED_MAX) {
                return "size " + size + " modified " + Files.getLastModifiedTime(f).toMillis();
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            return new Digest(sha.digest());
        } catch (IOException e) {
            return "unreadable";   // missing for a moment while it is replaced, say: its return is a change
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Digest[" + bytes.length + " bytes]";
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "httpcon: closing the file watch: " + e);
        }
        thread.interrupt();
    }
}
