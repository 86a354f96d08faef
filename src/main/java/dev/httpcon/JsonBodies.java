package dev.httpcon;

import java.io.ByteArrayInputStream;
import java.lang.ref.SoftReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads a body as JSON with whichever JSON library the application has: JSON-B (a Jakarta JSON
 * Binding implementation such as Yasson) first, else Jackson 2 ({@code jackson-databind}). Found by
 * reflection, so httpcon depends on neither.
 *
 * <p>Which library is seen depends on the class loader (in a container, an application's own
 * libraries are visible to its classes, not always to httpcon's): the loader of the type read
 * into, else the thread's context loader, else httpcon's. What was found is kept per loader, weakly
 * (a redeployed application's loader can go) and softly (a mapper is costly to make, JSON-B's
 * especially, but must not pin the loader that defined it for ever).
 */
final class JsonBodies {

    /** One way of reading JSON: JSON-B's {@code Jsonb} or Jackson's {@code ObjectMapper}. */
    interface Reader {
        Object read(byte[] body, Type type) throws Exception;
    }

    private static final Reader NONE = (body, type) -> {
        throw new IllegalStateException("no JSON library");
    };

    /** Why nothing was found, per loader (kept with NONE). */
    private static final Map<ClassLoader, SoftReference<Object[]>> FOUND = new WeakHashMap<>();

    private JsonBodies() {
    }

    /** {@code List<element>}, for reading a JSON array. */
    static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }

            @Override
            public String getTypeName() {
                return "java.util.List<" + element.getTypeName() + ">";
            }
        };
    }

    /** {@code result}'s body as {@code type}, with the JSON library visible from {@code loader}. */
    static <T> T read(HttpResult result, Type type, ClassLoader loader) {
        if (result.isTransportError() || result.code() < 100) {
            throw new HttpConBodyException(describe(result, type) + ": there is no complete body to read ("
                    + (result.code() == CurlError.FILESIZE_EXCEEDED.code()
                            ? "code 63: the body was cut at maxdatasize"
                            : "code " + result.code() + (result.errorText() == null ? "" : " " + result.errorText()))
                    + ")", result);
        }
        if (result.bodyLength() == 0) {
            throw new HttpConBodyException(describe(result, type) + ": the body is empty", result);
        }
        Object[] found = reader(loader);
        Reader reader = (Reader) found[0];
        if (reader == NONE) {
            throw new IllegalStateException("bodyAs needs a JSON library on the class path: JSON-B (jakarta.json.bind-api"
                    + " with an implementation such as org.eclipse:yasson) or Jackson 2"
                    + " (com.fasterxml.jackson.core:jackson-databind); " + found[1]);
        }
        Object value;
        try {
            value = reader.read(result.body(), type);
        } catch (Exception e) {
            Throwable t = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            // The parser's own message is left out on purpose: both libraries quote the input in it.
            throw new HttpConBodyException(describe(result, type) + ": not JSON of that type (" + found[1] + " said "
                    + t.getClass().getSimpleName() + "; read bodyText() to see the body)", result);
        }
        if (value == null) {
            throw new HttpConBodyException(describe(result, type) + ": the body is JSON null", result);
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }

    /** The library found through {@code loader}: {@code "JSON-B"}, {@code "Jackson"}, or why none. */
    static String library(ClassLoader loader) {
        return (String) reader(loader)[1];
    }

    /** The loader to look in for {@code type}: its own, else the thread's context loader, else httpcon's. */
    static ClassLoader loaderFor(Type type) {
        if (type instanceof Class<?> c && c.getClassLoader() != null) {
            return c.getClassLoader();
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : JsonBodies.class.getClassLoader();
    }

    private static String describe(HttpResult r, Type type) {
        return "the body of " + (r.servedBy() == null ? "the response" : r.servedBy()) + " ("
                + (r.hasStatus() ? "status " + r.status() : "no status") + ", "
                + (r.contentType() == null ? "no Content-Type" : r.contentType()) + ", " + r.bodyLength()
                + " bytes) as " + type.getTypeName();
    }

    /** {reader, name of the library or why none} for {@code loader}, found once and kept. */
    private static Object[] reader(ClassLoader loader) {
        synchronized (FOUND) {
            SoftReference<Object[]> kept = FOUND.get(loader);
            Object[] found = kept == null ? null : kept.get();
            if (found == null) {
                found = find(loader);
                FOUND.put(loader, new SoftReference<>(found));
            }
            return found;
        }
    }

    private static Object[] find(ClassLoader loader) {
        String jsonbTrouble;
        try {
            Class<?> builder = Class.forName("jakarta.json.bind.JsonbBuilder", true, loader);
            Object jsonb = builder.getMethod("create").invoke(null);
            Method fromJson = Class.forName("jakarta.json.bind.Jsonb", true, loader)
                    .getMethod("fromJson", java.io.InputStream.class, Type.class);
            return new Object[] {(Reader) (body, type) -> fromJson.invoke(jsonb, new ByteArrayInputStream(body), type),
                "JSON-B"};
        } catch (ClassNotFoundException | LinkageError e) {
            jsonbTrouble = "no JSON-B API";
        } catch (InvocationTargetException e) {
            // the API without an implementation: JsonbBuilder.create() throws JsonbException
            jsonbTrouble = "the JSON-B API without a usable implementation ("
                    + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + ")";
        } catch (ReflectiveOperationException | RuntimeException e) {
            jsonbTrouble = "a JSON-B that could not be used (" + e.getClass().getSimpleName() + ")";
        }
        try {
            Class<?> mapperClass = Class.forName("com.fasterxml.jackson.databind.ObjectMapper", true, loader);
            Object mapper = mapperClass.getConstructor().newInstance();
            // As JSON-B does: a field the type does not have is skipped, not an error (APIs grow).
            Class<?> feature = Class.forName("com.fasterxml.jackson.databind.DeserializationFeature", true, loader);
            Object failOnUnknown = feature.getField("FAIL_ON_UNKNOWN_PROPERTIES").get(null);
            mapperClass.getMethod("configure", feature, boolean.class).invoke(mapper, failOnUnknown, false);
            // java.time and other modules the application has (ServiceLoader)
            mapperClass.getMethod("findAndRegisterModules").invoke(mapper);
            Object typeFactory = mapperClass.getMethod("getTypeFactory").invoke(mapper);
            Method constructType = Class.forName("com.fasterxml.jackson.databind.type.TypeFactory", true, loader)
                    .getMethod("constructType", Type.class);
            Class<?> javaType = Class.forName("com.fasterxml.jackson.databind.JavaType", true, loader);
            Method readValue = mapperClass.getMethod("readValue", byte[].class, javaType);
            return new Object[] {(Reader) (body, type) -> readValue.invoke(mapper, body,
                    constructType.invoke(typeFactory, type)), "Jackson"};
        } catch (ClassNotFoundException | LinkageError e) {
            return new Object[] {NONE, jsonbTrouble + " and no Jackson were found"};
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Object[] {NONE, jsonbTrouble + " and a Jackson that could not be used ("
                    + e.getClass().getSimpleName() + ")"};
        }
    }
}
