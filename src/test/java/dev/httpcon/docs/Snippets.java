package dev.httpcon.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The code blocks of the Markdown pages, checked against the library: every {@code java} block
 * compiles, and every block that says it shows a file of the repository shows it as it is. The
 * conventions are described for writers in {@code docs/internals/writing-docs.md}; in short, the
 * line right before a block's opening fence may be an HTML comment that says what the block is:
 *
 * <ul>
 *   <li>no comment, or {@code <!-- snippet: unit -->}: a {@code java} block is a whole source file,
 *       imports included, compiled as it is;</li>
 *   <li>{@code <!-- snippet: class-body -->}: fields, constructors and methods of a class (named by
 *       {@code in: Name}, else a generated name); {@code <!-- snippet: method-body -->}:
 *       statements. Both are compiled inside a class with the {@link #PRELUDE} imports; every
 *       variable they use and do not declare must be declared by {@code given: Type name; ...}
 *       (last in the comment), and {@code imports: a.b.C, d.e.*} adds imports;</li>
 *   <li>{@code <!-- snippet: file PATH -->}: the block is the whole file PATH (any language);
 *       {@code <!-- snippet: excerpt PATH -->}: each of its lines is a line of PATH, in order (a
 *       line {@code ...} or {@code // ...} stands for lines left out).</li>
 * </ul>
 *
 * All {@code java} blocks of one page compile together, so a page's fragments may use the classes
 * its whole-file blocks declare. A class of a whole-file block that has injection points or
 * observer methods must have a bean-defining annotation (otherwise CDI never discovers it in an
 * application with an annotated bean archive, and the injection silently never happens).
 */
final class Snippets {

    /** The imports a fragment is compiled with: the library's API and the CDI and JDK basics. */
    static final List<String> PRELUDE = List.of(
            "dev.httpcon.*",
            "dev.httpcon.standalone.*",
            "dev.httpcon.restclient.*",
            "jakarta.enterprise.context.*",
            "jakarta.enterprise.event.*",
            "jakarta.enterprise.inject.Instance",
            "jakarta.enterprise.inject.spi.CDI",
            "jakarta.inject.*",
            "java.net.*",
            "java.nio.charset.StandardCharsets",
            "java.time.*",
            "java.util.*",
            "static java.nio.charset.StandardCharsets.UTF_8");

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([\\w+-]*).*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern ANY_TYPE = Pattern.compile(
            "(?m)^(?:public\\s+)?(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    private final Path root;

    Snippets(Path root) {
        this.root = root;
    }

    /** A fenced block of a page: where it starts (the fence's line, 1-based), its language, marker and text. */
    record Block(String page, int fenceLine, String language, String marker, List<String> lines) {

        String text() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }

        String where(int lineInBlock) {
            return page + ":" + (fenceLine + lineInBlock);
        }
    }

    /** The Markdown pages checked: the README and CHANGELOG, docs/ and every example's and the benchmarks' README. */
    List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        for (String top : List.of("README.md", "CHANGELOG.md")) {
            if (Files.isRegularFile(root.resolve(top))) {
                pages.add(root.resolve(top));
            }
        }
        for (String dir : List.of("docs", "examples", "bench")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(p -> p.toString().endsWith(".md"))
                        .filter(p -> !root.relativize(p).toString().contains("target" + File.separator))
                        .filter(p -> !root.relativize(p).toString().contains("node_modules"))
                        .sorted(Comparator.naturalOrder())
                        .forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pages;
    }

    /** The fenced blocks of a page, with the problems of its markers (a marker with no block after it). */
    static List<Block> blocks(String page, String text, List<String> problems) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FENCE.matcher(lines[i]);
            Matcher marker = MARKER.matcher(lines[i]);
            if (marker.matches() && (i + 1 >= lines.length || !FENCE.matcher(lines[i + 1]).matches())) {
                problems.add(page + ":" + (i + 1) + ": a snippet marker must be right before a code block's opening fence");
                continue;
            }
            if (!m.matches()) {
                continue;
            }
            String indent = m.group(1);
            String fence = m.group(2);
            String language = m.group(3).toLowerCase(Locale.ROOT);
            String markerText = null;
            if (i > 0) {
                Matcher before = MARKER.matcher(lines[i - 1]);
                if (before.matches()) {
                    markerText = before.group(1);
                }
            }
            List<String> body = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.length; j++) {
                String l = lines[j];
                if (l.strip().startsWith(fence) && l.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                    break;
                }
                body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
            }
            if (j >= lines.length) {
                problems.add(page + ":" + (i + 1) + ": code block never closed");
            }
            blocks.add(new Block(page, i + 1, language, markerText, body));
            i = j;
        }
        return blocks;
    }

    /** Every problem of every page, each as {@code page:line: what}. */
    List<String> checkAll() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path p : pages()) {
            problems.addAll(check(root.relativize(p).toString().replace(File.separatorChar, '/'),
                    Files.readString(p, StandardCharsets.UTF_8)));
        }
        return problems;
    }

    /** The problems of one page. */
    List<String> check(String page, String text) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Block> blocks = blocks(page, text, problems);
        List<Source> sources = new ArrayList<>();
        for (Block b : blocks) {
            Directive d = Directive.parse(b, problems);
            if (d == null) {
                continue;
            }
            switch (d.kind) {
                case "file" -> checkFile(b, d.argument, problems);
                case "excerpt" -> checkExcerpt(b, d.argument, problems);
                case "unit", "class-body", "method-body" -> {
                    if (!b.language.equals("java")) {
                        problems.add(b.where(0) + ": '" + d.kind + "' is for java blocks, this one is '" + b.language + "'");
                    } else {
                        sources.add(Source.of(b, d));
                    }
                }
                default -> problems.add(b.where(0) + ": unknown snippet kind '" + d.kind
                        + "' (unit, class-body, method-body, file PATH, excerpt PATH)");
            }
        }
        if (!sources.isEmpty()) {
            compile(page, sources, problems);
        }
        return problems;
    }

    /** What a marker says. */
    record Directive(String kind, String argument, String in, List<String> imports, List<String> given) {

        /** Takes {@code label: a SEP b ...} off the end of {@code marker} into {@code into}; returns the rest. */
        private static String trailing(String marker, String label, String separator, List<String> into) {
            Matcher m = Pattern.compile("\\b" + label + ":\\s*(.*)$").matcher(marker);
            if (!m.find()) {
                return marker;
            }
            for (String item : m.group(1).split(separator)) {
                if (!item.isBlank()) {
                    into.add(item.strip());
                }
            }
            return marker.substring(0, m.start()).strip();
        }

        static Directive parse(Block b, List<String> problems) {
            if (b.marker == null) {
                return b.language.equals("java") ? new Directive("unit", null, null, List.of(), List.of()) : null;
            }
            String kind = b.marker;
            String argument = null;
            String in = null;
            // KIND [ARGUMENT] [in: Name] [imports: a.B, c.*] [given: Type a; Type b]
            List<String> given = new ArrayList<>();
            kind = trailing(kind, "given", ";", given);
            List<String> imports = new ArrayList<>();
            kind = trailing(kind, "imports", ",", imports);
            Matcher inName = Pattern.compile("\\bin:\\s*(\\w+)").matcher(kind);
            if (inName.find()) {
                in = inName.group(1);
                kind = (kind.substring(0, inName.start()) + kind.substring(inName.end())).strip();
            }
            int space = kind.indexOf(' ');
            if (space > 0) {
                argument = kind.substring(space + 1).strip();
                kind = kind.substring(0, space);
            }
            if ((kind.equals("file") || kind.equals("excerpt")) && (argument == null || argument.isEmpty())) {
                problems.add(b.where(0) + ": '" + kind + "' needs the path of the file it shows");
                return null;
            }
            if (!(given.isEmpty() && imports.isEmpty()) && !(kind.equals("class-body") || kind.equals("method-body"))) {
                problems.add(b.where(0) + ": 'given:' and 'imports:' are for class-body and method-body snippets");
            }
            return new Directive(kind, argument, in, imports, given);
        }
    }

    private Path repositoryFile(Block b, String path, List<String> problems) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            problems.add(b.where(0) + ": shows " + path + ", which is not a file of the repository");
            return null;
        }
        return file;
    }

    private void checkFile(Block b, String path, List<String> problems) throws IOException {
        Path file = repositoryFile(b, path, problems);
        if (file == null) {
            return;
        }
        List<String> actual = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> shown = b.lines;
        int n = Math.min(actual.size(), shown.size());
        for (int i = 0; i < n; i++) {
            if (!actual.get(i).equals(shown.get(i))) {
                problems.add(b.where(i + 1) + ": differs from " + path + ":" + (i + 1) + ", which says: " + actual.get(i));
                return;
            }
        }
        if (actual.size() != shown.size()) {
            problems.add(b.where(n + 1) + ": " + path + " has " + actual.size() + " lines, the block " + shown.size());
        }
    }

    private void checkExcerpt(Block b, String path, List<String> problems) throws IOException {
        Path file = repositoryFile(b, path, problems);
        if (file == null) {
            return;
        }
        List<String> actual = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).toList();
        int at = 0;
        for (int i = 0; i < b.lines.size(); i++) {
            String line = b.lines.get(i).strip();
            if (line.isEmpty() || line.equals("...") || line.equals("// ...") || line.equals("# ...")) {
                continue;
            }
            int found = -1;
            for (int k = at; k < actual.size(); k++) {
                if (actual.get(k).equals(line)) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                problems.add(b.where(i + 1) + ": not in " + path + " (after its line " + at + "): " + line);
                return;
            }
            at = found + 1;
        }
    }

    /** A java block as the compiler sees it. */
    record Source(Block block, Directive directive, String className, String packageName, String code, int firstLine) {

        static Source of(Block b, Directive d) {
            String text = b.text();
            if (d.kind.equals("unit")) {
                Matcher pub = PUBLIC_TYPE.matcher(text);
                Matcher any = ANY_TYPE.matcher(text);
                String name = pub.find() ? pub.group(1) : any.find() ? any.group(1) : "Snippet" + b.fenceLine;
                Matcher pkg = PACKAGE.matcher(text);
                return new Source(b, d, name, pkg.find() ? pkg.group(1) : null, text, 1);
            }
            return new Source(b, d, d.in != null ? d.in : "Snippet" + b.fenceLine, null, null, 0);
        }

        /** The fragment wrapped in a class (for units: the text itself), given the page's packages. */
        Wrapped compiledText(List<String> pagePackages) {
            if (code != null) {
                return new Wrapped(code, 0);
            }
            StringBuilder sb = new StringBuilder();
            for (String imp : PRELUDE) {
                sb.append("import ").append(imp).append(";\n");
            }
            for (String p : pagePackages) {
                sb.append("import ").append(p).append(".*;\n");
            }
            for (String i : directive.imports) {
                sb.append("import ").append(i).append(";\n");
            }
            sb.append("@SuppressWarnings(\"all\") class ").append(className).append(" {\n");
            for (String g : directive.given) {
                sb.append(g).append(";\n");
            }
            boolean statements = directive.kind.equals("method-body");
            if (statements) {
                sb.append("void snippet() throws Exception {\n");
            }
            int header = (int) sb.chars().filter(c -> c == '\n').count();
            sb.append(block.text());
            sb.append(statements ? "}\n}\n" : "}\n");
            return new Wrapped(sb.toString(), header);
        }
    }

    /** Source text and the number of lines put before the block's first line. */
    record Wrapped(String text, int headerLines) {
    }

    private void compile(String page, List<Source> sources, List<String> problems) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this run time: run the tests on a JDK");
        }
        List<String> packages = sources.stream().map(Source::packageName).filter(p -> p != null).distinct().toList();
        List<JavaFileObject> files = new ArrayList<>();
        List<Integer> headers = new ArrayList<>();
        for (Source s : sources) {
            Wrapped w = s.compiledText(packages);
            String text = w.text();
            headers.add(w.headerLines());
            String path = (s.packageName == null ? "" : s.packageName.replace('.', '/') + "/") + s.className + ".java";
            files.add(new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            });
        }
        Path out = Files.createTempDirectory("httpcon-snippets");
        try {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> options = List.of("-d", out.toString(), "-proc:none", "-classpath", classPath(),
                    "--release", "17", "-Xlint:deprecation,removal", "-Xdiags:verbose");
            boolean ok = javac.getTask(null, null, diagnostics, options, null, files).call();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING
                        && d.getKind() != Diagnostic.Kind.WARNING) {
                    continue;
                }
                int index = files.indexOf(d.getSource());
                Source s = index >= 0 ? sources.get(index) : null;
                String where = page;
                if (s != null) {
                    long line = d.getLineNumber() - headers.get(index);
                    where = line >= 1 && line <= s.block.lines.size() ? s.block.where((int) line)
                            : s.block.where(0) + " (in the code wrapped around this " + s.directive.kind + ")";
                }
                problems.add(where + ": " + d.getMessage(Locale.ROOT).replace("\n", " "));
            }
            if (ok) {
                checkBeans(out, sources, problems);
            }
        } finally {
            try (Stream<Path> s = Files.walk(out)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The test run's class path (Surefire's, or the JVM's), the library's classes included. */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static final List<String> BEAN_DEFINING = List.of(
            "jakarta.enterprise.context.Dependent", "jakarta.interceptor.Interceptor", "jakarta.decorator.Decorator");

    /** Classes of whole-file blocks with injection points or observers need a bean-defining annotation. */
    private static void checkBeans(Path out, List<Source> sources, List<String> problems) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                Snippets.class.getClassLoader())) {
            for (Source s : sources) {
                if (s.code == null) {
                    continue;
                }
                Matcher types = ANY_TYPE.matcher(s.code);
                while (types.find()) {
                    String name = (s.packageName == null ? "" : s.packageName + ".") + types.group(1);
                    Class<?> c;
                    try {
                        c = Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        continue;
                    }
                    if (c.isInterface() || c.isAnnotation() || c.isEnum() || c.isRecord()) {
                        continue;
                    }
                    String why = injectionOrObserver(c);
                    if (why != null && !beanDefining(c)) {
                        int line = lineOf(s.block, types.group(0).strip());
                        problems.add(s.block.where(line) + ": " + c.getSimpleName() + " has " + why
                                + " but no bean-defining annotation (@ApplicationScoped, @Dependent, ...):"
                                + " CDI would not discover it");
                    }
                }
            }
        }
    }

    private static int lineOf(Block b, String start) {
        for (int i = 0; i < b.lines.size(); i++) {
            if (b.lines.get(i).strip().startsWith(start)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String injectionOrObserver(Class<?> c) {
        for (Field f : c.getDeclaredFields()) {
            if (has(f.getAnnotations(), "jakarta.inject.Inject")) {
                return "an injected field (" + f.getName() + ")";
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (has(k.getAnnotations(), "jakarta.inject.Inject")) {
                return "an injected constructor";
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (has(m.getAnnotations(), "jakarta.inject.Inject")) {
                return "an injected method (" + m.getName() + ")";
            }
            for (Parameter p : m.getParameters()) {
                if (has(p.getAnnotations(), "jakarta.enterprise.event.Observes")
                        || has(p.getAnnotations(), "jakarta.enterprise.event.ObservesAsync")) {
                    return "an observer method (" + m.getName() + ")";
                }
            }
        }
        return null;
    }

    private static boolean beanDefining(Class<?> c) {
        for (Annotation a : c.getAnnotations()) {
            Class<? extends Annotation> t = a.annotationType();
            if (BEAN_DEFINING.contains(t.getName())
                    || has(t.getAnnotations(), "jakarta.enterprise.context.NormalScope")
                    || has(t.getAnnotations(), "jakarta.enterprise.inject.Stereotype")) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Annotation[] annotations, String type) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
