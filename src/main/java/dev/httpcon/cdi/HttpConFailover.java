package dev.httpcon.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the failover interceptor to connections that name a failover. The extension adds this binding to the
 * {@code get}, {@code post} and {@code send} methods of each connection bean; applications do not
 * use it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HttpConFailover {

    /** The binding as a value, for {@code InterceptionFactory}. */
    final class Literal extends AnnotationLiteral<HttpConFailover> implements HttpConFailover {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
