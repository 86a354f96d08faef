package dev.httpcon.it.javax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Links class files the way the JVM would, without loading them: every class, field and method a
 * class names (its supertypes, member signatures, annotations, and each instruction's owner, name
 * and descriptor) must resolve in a given run-time class path plus the running JDK. What the JVM
 * would only find out at the first call ({@code NoSuchMethodError}, {@code NoClassDefFoundError})
 * is found here for every call site at once.
 *
 * <p>Method resolution follows JVMS 5.4.3.3/5.4.3.4 closely enough for this purpose: the owner, its
 * superclasses, then every superinterface; a signature-polymorphic method of {@code MethodHandle}
 * or {@code VarHandle} matches by name. Strings that still name a {@code jakarta.} type (class names
 * looked up by reflection) are reported too.
 */
final class Linker implements AutoCloseable {

    private static final Set<String> SIGNATURE_POLYMORPHIC = Set.of(
            "java/lang/invoke/MethodHandle", "java/lang/invoke/VarHandle");

    /** What resolution needs of a class. */
    private record Shape(String name, String superName, String[] interfaces, Map<String, Integer> methods,
            Set<String> fields) {
    }

    private final List<JarFile> jars = new ArrayList<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Set<String> missing = new HashSet<>();

    /** A class path of these jars, then the JDK's own classes. */
    Linker(List<Path> classPath) throws IOException {
        for (Path p : classPath) {
            jars.add(new JarFile(p.toFile()));
        }
    }

    /**
     * Every linkage problem of every class in {@code jar} (which must be on the class path too),
     * one line each: {@code where: what is missing}. Empty when every reference resolves.
     */
    List<String> link(Path jar) throws IOException {
        Set<String> problems = new TreeSet<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) j.stream()::iterator) {
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")
                        && !e.getName().startsWith("META-INF/")) {
                    try (InputStream in = j.getInputStream(e)) {
                        link(new ClassReader(in), problems);
                    }
                }
            }
        }
        return List.copyOf(problems);
    }

    /** The linkage problems of one class given as bytes. */
    List<String> link(byte[] classFile) {
        Set<String> problems = new TreeSet<>();
        link(new ClassReader(classFile), problems);
        return List.copyOf(problems);
    }

    private void link(ClassReader reader, Set<String> problems) {
        reader.accept(new References(problems), ClassReader.SKIP_FRAMES);
    }

    @Override
    public void close() throws IOException {
        for (JarFile j : jars) {
            j.close();
        }
    }

    // ---- resolution -------------------------------------------------------------------------

    private Shape shape(String internalName) {
        if (shapes.containsKey(internalName) || missing.contains(internalName)) {
            return shapes.get(internalName);
        }
        byte[] bytes = bytes(internalName + ".class");
        if (bytes == null) {
            missing.add(internalName);
            return null;
        }
        Map<String, Integer> methods = new HashMap<>();
        Set<String> fields = new HashSet<>();
        ClassReader r = new ClassReader(bytes);
        r.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                fields.add(name + ":" + desc);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                methods.put(name + desc, access);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Shape s = new Shape(internalName, r.getSuperName(), r.getInterfaces(), methods, fields);
        shapes.put(internalName, s);
        return s;
    }

    private byte[] bytes(String resource) {
        try {
            for (JarFile j : jars) {
                JarEntry e = j.getJarEntry(resource);
                if (e != null) {
                    try (InputStream in = j.getInputStream(e)) {
                        return in.readAllBytes();
                    }
                }
            }
            // The JDK's classes only: the platform loader does not see the test's own class path.
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(resource)) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An array type resolves as its element type; primitives always. */
    private boolean typeResolves(Type t) {
        Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        return element.getSort() != Type.OBJECT || shape(element.getInternalName()) != null;
    }

    private boolean methodResolves(String owner, String name, String desc) {
        if (owner.startsWith("[")) {
            owner = "java/lang/Object"; // clone() and Object's methods on arrays
        }
        return findMethod(owner, name, desc, new HashSet<>());
    }

    private boolean findMethod(String owner, String name, String desc, Set<String> seen) {
        if (owner == null || !seen.add(owner)) {
            return false;
        }
        Shape s = shape(owner);
        if (s == null) {
            return false;
        }
        if (s.methods().containsKey(name + desc)) {
            return true;
        }
        if (SIGNATURE_POLYMORPHIC.contains(owner)) {
            for (Map.Entry<String, Integer> m : s.methods().entrySet()) {
                int polymorphic = Opcodes.ACC_NATIVE | Opcodes.ACC_VARARGS;
                if (m.getKey().startsWith(name + "(") && (m.getValue() & polymorphic) == polymorphic) {
                    return true;
                }
            }
        }
        if (findMethod(s.superName(), name, desc, seen)) {
            return true;
        }
        for (String i : s.interfaces()) {
            if (findMethod(i, name, desc, seen)) {
                return true;
            }
        }
        return false;
    }

    private boolean fieldResolves(String owner, String name, String desc, Set<String> seen) {
        if (owner == null || !seen.add(owner)) {
            return false;
        }
        Shape s = shape(owner);
        if (s == null) {
            return false;
        }
        if (s.fields().contains(name + ":" + desc)) {
            return true;
        }
        for (String i : s.interfaces()) {
            if (fieldResolves(i, name, desc, seen)) {
                return true;
            }
        }
        return fieldResolves(s.superName(), name, desc, new HashSet<>(seen));
    }

    private static String javaName(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String pretty(String owner, String name, String desc) {
        Type m = Type.getMethodType(desc);
        StringBuilder sb = new StringBuilder(javaName(owner)).append('.').append(name).append('(');
        Type[] args = m.getArgumentTypes();
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? ", " : "").append(args[i].getClassName());
        }
        return sb.append(") returning ").append(m.getReturnType().getClassName()).toString();
    }

    // ---- what a class refers to -------------------------------------------------------------

    /** Collects the problems of one class. */
    private final class References extends ClassVisitor {

        private final Set<String> problems;
        private String where;
        private String className;

        References(Set<String> problems) {
            super(Opcodes.ASM9);
            this.problems = problems;
        }

        private void type(Type t, String role) {
            if (!typeResolves(t)) {
                Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
                problems.add(where + ": " + role + " " + element.getClassName() + " is not on the run-time class path");
            }
        }

        private void internalName(String name, String role) {
            if (name != null) {
                type(name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name), role);
            }
        }

        private void methodDescriptor(String desc, String role) {
            Type m = Type.getMethodType(desc);
            type(m.getReturnType(), role);
            for (Type a : m.getArgumentTypes()) {
                type(a, role);
            }
        }

        private void method(String owner, String name, String desc) {
            internalName(owner, "calls a method of");
            methodDescriptor(desc, "calls a method with a signature naming");
            if (shape(owner.startsWith("[") ? "java/lang/Object" : owner) != null
                    && !methodResolves(owner, name, desc)) {
                problems.add(where + ": calls " + pretty(owner, name, desc) + ", which "
                        + javaName(owner) + " on the run-time class path does not have");
            }
        }

        private void field(String owner, String name, String desc) {
            internalName(owner, "uses a field of");
            type(Type.getType(desc), "uses a field of type");
            if (shape(owner) != null && !fieldResolves(owner, name, desc, new HashSet<>())) {
                problems.add(where + ": uses field " + javaName(owner) + "." + name + " (" + Type.getType(desc).getClassName()
                        + "), which is not on the run-time class path");
            }
        }

        private void handle(Handle h) {
            if (h.getTag() <= Opcodes.H_PUTSTATIC) {
                field(h.getOwner(), h.getName(), h.getDesc());
            } else {
                method(h.getOwner(), h.getName(), h.getDesc());
            }
        }

        private void constant(Object value) {
            if (value instanceof Type t) {
                if (t.getSort() == Type.METHOD) {
                    methodDescriptor(t.getDescriptor(), "names a method type with");
                } else {
                    type(t, "names the class");
                }
            } else if (value instanceof Handle h) {
                handle(h);
            } else if (value instanceof String s && (s.contains("jakarta.") || s.contains("jakarta/"))) {
                problems.add(where + ": string constant \"" + s + "\" still names the jakarta namespace");
            }
        }

        private AnnotationVisitor annotation(String desc) {
            type(Type.getType(desc), "is annotated with");
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String name, Object value) {
                    constant(value);
                }

                @Override
                public void visitEnum(String name, String enumDesc, String value) {
                    type(Type.getType(enumDesc), "names the enum");
                    field(Type.getType(enumDesc).getInternalName(), value, enumDesc);
                }

                @Override
                public AnnotationVisitor visitAnnotation(String name, String nestedDesc) {
                    return annotation(nestedDesc);
                }

                @Override
                public AnnotationVisitor visitArray(String name) {
                    return this;
                }
            };
        }

        @Override
        public void visit(int version, int access, String name, String sig, String superName, String[] interfaces) {
            className = javaName(name);
            where = className;
            internalName(superName, "extends");
            for (String i : interfaces) {
                internalName(i, "implements");
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
            return annotation(desc);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
            where = className + "." + name;
            type(Type.getType(desc), "has a field of type");
            constant(value);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotationDesc, boolean visible) {
                    return annotation(annotationDesc);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
            where = className + "." + name + "()";
            methodDescriptor(desc, "has a method signature naming");
            if (exceptions != null) {
                for (String e : exceptions) {
                    internalName(e, "declares the exception");
                }
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotationDesc, boolean visible) {
                    return annotation(annotationDesc);
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotationDesc, boolean visible) {
                    return annotation(annotationDesc);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    internalName(type, "names the class");
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDesc) {
                    field(owner, fieldName, fieldDesc);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String methodName, String methodDesc, boolean itf) {
                    method(owner, methodName, methodDesc);
                }

                @Override
                public void visitInvokeDynamicInsn(String indyName, String indyDesc, Handle bsm, Object... args) {
                    methodDescriptor(indyDesc, "makes a call site naming");
                    handle(bsm);
                    for (Object a : args) {
                        constant(a);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value);
                }

                @Override
                public void visitMultiANewArrayInsn(String arrayDesc, int dims) {
                    type(Type.getType(arrayDesc), "makes an array of");
                }

                @Override
                public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                        org.objectweb.asm.Label handler, String type) {
                    internalName(type, "catches");
                }
            };
        }
    }
}
