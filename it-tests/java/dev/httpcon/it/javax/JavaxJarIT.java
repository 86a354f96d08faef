package dev.httpcon.it.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The javax artifact ({@code httpcon-<version>-javax.jar}, made by the build with the Eclipse
 * Transformer) against the javax run time it is for: CDI 2.0, interceptors 1.2, javax.inject,
 * javax.annotation 1.3, JAX-RS 2.1, MicroProfile Config 2.0, Metrics 3.0 and Rest Client 2.0 as the
 * container provides them, OpenTelemetry API 1.39 and Micrometer 1.9 (the measurement back ends'
 * libraries are not jakarta-specific, but the container or the application brings its own
 * version), plus httpcon's own dependencies (HttpClient 5) and the JDK. Every class,
 * field and method each class of the jar names must exist there, call site by call site: a change
 * that uses an API newer than that floor fails here, not in a SIP container at the first call.
 * The jars come from {@code target/javax-runtime} (the pom's {@code javax-runtime} execution).
 */
class JavaxJarIT {

    private static final Path JAR = Path.of(System.getProperty("httpcon.javax.jar", "target/missing-javax.jar"));
    private static final Path RUNTIME = Path.of(System.getProperty("httpcon.javax.runtime", "target/javax-runtime"));

    private static List<Path> classPath() throws IOException {
        List<Path> cp = new ArrayList<>();
        cp.add(JAR);
        try (Stream<Path> jars = Files.list(RUNTIME)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(cp::add);
        }
        return cp;
    }

    @Test
    void everyReferenceOfTheJavaxJarResolvesOnTheJavaxRuntime() throws IOException {
        try (Linker linker = new Linker(classPath())) {
            List<String> problems = linker.link(JAR);
            assertTrue(problems.isEmpty(), JAR.getFileName() + " uses what the javax run time (" + RUNTIME
                    + ") lacks; give such code a path that works on both (docs/sip.md, \"Which artifact\"):\n  "
                    + String.join("\n  ", problems));
        }
    }

    @Test
    void theExtensionIsRegisteredUnderTheJavaxServiceName() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry services = jar.getJarEntry("META-INF/services/javax.enterprise.inject.spi.Extension");
            assertNotNull(services, "the portable extension must be registered for javax CDI");
            try (InputStream in = jar.getInputStream(services)) {
                assertEquals("dev.httpcon.cdi.HttpConExtension",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertFalse(names.stream().anyMatch(n -> n.contains("jakarta")), "no jakarta-named entry: " + names);
            assertTrue(names.contains("dev/httpcon/cdi/HttpConExtension.class"), names.toString());
            assertTrue(names.contains("dev/httpcon/HttpConnection.class"), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith("dev/httpcon/cli/")),
                    "the command (Weld SE and SmallRye of the Jakarta line) stays out of the javax jar");
        }
    }

    /**
     * The run time really is the javax floor: were one of its jars replaced by a Jakarta-era one,
     * the linkage test above would check against the wrong APIs and prove nothing.
     */
    @Test
    void theRuntimeIsTheJavaxFloor() throws IOException {
        try (Linker linker = new Linker(classPath())) {
            assertEquals(List.of(), linker.link(caller("javax/enterprise/inject/spi/Extension", null, null, false)));
            assertEquals(List.of(), linker.link(caller("javax/interceptor/InvocationContext", "proceed",
                    "()Ljava/lang/Object;", true)));
            // MicroProfile Metrics 3.0: Gauge<T> returns T (erased to Object), 5.x returns a Number.
            assertEquals(List.of(), linker.link(caller("org/eclipse/microprofile/metrics/Gauge", "getValue",
                    "()Ljava/lang/Object;", true)));
            // MicroProfile Config 2.0 has getOptionalValues, 1.4 did not.
            assertEquals(List.of(), linker.link(caller("org/eclipse/microprofile/config/Config", "getOptionalValues",
                    "(Ljava/lang/String;Ljava/lang/Class;)Ljava/util/Optional;", true)));
            assertFalse(linker.link(caller("jakarta/enterprise/inject/spi/Extension", null, null, false)).isEmpty(),
                    "no Jakarta CDI on the javax run time");
            // The measurement back ends' libraries at their floor: OpenTelemetry API 1.39 (MicroProfile
            // Telemetry 2.0), without GlobalOpenTelemetry.isSet() (httpcon looks it up, never calls it);
            // Micrometer 1.9, before the Observation API.
            assertEquals(List.of(), linker.link(caller("io/opentelemetry/api/OpenTelemetry", "getTracerProvider",
                    "()Lio/opentelemetry/api/trace/TracerProvider;", true)));
            assertFalse(linker.link(caller("io/opentelemetry/api/GlobalOpenTelemetry", "isSet", "()Z", false)).isEmpty(),
                    "OpenTelemetry API 1.39 has no GlobalOpenTelemetry.isSet()");
            assertEquals(List.of(), linker.link(caller("io/micrometer/core/instrument/binder/MeterBinder", null, null,
                    false)));
            assertFalse(linker.link(caller("io/micrometer/observation/Observation", null, null, false)).isEmpty(),
                    "Micrometer 1.9 has no Observation API");
        }
    }

    /** The check can fail: the one call the notes found missing from MicroProfile Metrics 3.0. */
    @Test
    void aCallTheFloorLacksIsReportedWithItsSignature() throws IOException {
        try (Linker linker = new Linker(classPath())) {
            List<String> problems = linker.link(caller("org/eclipse/microprofile/metrics/Gauge", "getValue",
                    "()Ljava/lang/Number;", true));
            assertEquals(List.of("example.Caller.run(): calls org.eclipse.microprofile.metrics.Gauge.getValue()"
                    + " returning java.lang.Number, which org.eclipse.microprofile.metrics.Gauge on the run-time"
                    + " class path does not have"), problems);
            assertEquals(List.of("example.Caller.run(): names the class jakarta.ws.rs.core.Response"
                    + " is not on the run-time class path"), linker.link(caller("jakarta/ws/rs/core/Response", null,
                    null, false)));
        }
    }

    /**
     * A class {@code example.Caller} whose {@code run()} names {@code owner} (a checkcast) and, if a
     * method is given, calls it on a null receiver (never run, only linked).
     */
    private static byte[] caller(String owner, String method, String desc, boolean itf) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "example/Caller", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitTypeInsn(Opcodes.CHECKCAST, owner);
        if (method != null) {
            mv.visitMethodInsn(itf ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, owner, method, desc, itf);
        }
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
