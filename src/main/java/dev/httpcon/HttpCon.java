package dev.httpcon;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Selects a named connection for injection: the name of an {@code httpcon} definition.
 *
 * <pre>{@code
 * @Inject @HttpCon("apione") HttpConnection api;
 *
 * // programmatic lookup
 * HttpConnection routing = CDI.current().select(HttpConnection.class, HttpCon.Literal.of("routing")).get();
 * }</pre>
 *
 * <p>An injection point naming a connection that is not defined fails the deployment, with the
 * names that are defined in the message.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface HttpCon {

    /** The connection name, as defined in configuration. */
    String value();

    /** An instance of {@link HttpCon} for programmatic lookup: {@code HttpCon.Literal.of("apione")}. */
    final class Literal extends AnnotationLiteral<HttpCon> implements HttpCon {
        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "connection name must be set");
        }

        /** The qualifier for the connection with this name. */
        public static Literal of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
