package dev.httpcon.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the budget interceptor to each connection's exchange (the extension adds it; applications do
 * not use it).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HttpConBudget {

    /** The binding as a value, for {@code InterceptionFactory}. */
    final class Literal extends AnnotationLiteral<HttpConBudget> implements HttpConBudget {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
