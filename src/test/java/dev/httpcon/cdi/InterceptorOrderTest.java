package dev.httpcon.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcon.HttpResult;
import dev.httpcon.core.Call;
import dev.httpcon.core.Concern;
import dev.httpcon.core.Stage;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The container nests httpcon's interceptors exactly as the core's pipeline nests its stages: one
 * interceptor per {@link Concern}, bound by that concern's binding, at the concern's position, and
 * each runs its stage with the same protocol as the plain-Java pipeline.
 */
class InterceptorOrderTest {

    @Test
    void oneInterceptorPerConcernAtTheConcernsPosition() {
        Map<Concern, Class<?>> byConcern = new LinkedHashMap<>();
        for (Class<?> interceptor : HttpConExtension.INTERCEPTORS) {
            assertNotNull(interceptor.getAnnotation(Interceptor.class), interceptor + " is an interceptor");
            Concern concern = concernOf(interceptor);
            assertEquals(null, byConcern.put(concern, interceptor), "two interceptors for " + concern);
            int priority = interceptor.getAnnotation(Priority.class).value();
            assertEquals(Interceptor.Priority.LIBRARY_BEFORE + concern.position(), priority,
                    interceptor.getSimpleName() + " runs where " + concern + " runs in the core");
        }
        assertEquals(List.of(Concern.values()), new ArrayList<>(byConcern.keySet()),
                "every concern has its interceptor, listed in the core's order");
    }

    @Test
    void anInterceptorRunsItsStageWithThePipelinesProtocol() throws Exception {
        List<String> events = new ArrayList<>();
        HttpResult attempt = HttpResult.builder().status(200).build();
        HttpResult gate = HttpResult.invalid("gate");

        Object plain = StageInvocation.around(probe(events, null), new Invocation(events, attempt));
        assertSame(attempt, plain);
        assertEquals(List.of("enter", "proceed", "exit"), events);

        events.clear();
        assertSame(gate, StageInvocation.around(probe(events, gate), new Invocation(events, attempt)));
        assertEquals(List.of("enter"), events, "a gate: nothing inside runs, not even its own exit");

        events.clear();
        assertThrows(IllegalStateException.class,
                () -> StageInvocation.around(probe(events, null), new Invocation(events, null)));
        assertEquals(List.of("enter", "proceed", "abandon"), events);
    }

    private static Concern concernOf(Class<?> interceptor) {
        for (Annotation a : interceptor.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(InterceptorBinding.class)) {
                for (Concern c : Concern.values()) {
                    if (HttpConExtension.binding(c).annotationType() == a.annotationType()) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError(interceptor + " has no binding of a concern");
    }

    private static Stage probe(List<String> events, HttpResult gate) {
        return new Stage() {
            @Override
            public Concern concern() {
                return Concern.FAILOVER;
            }

            @Override
            public HttpResult enter(Call call) {
                events.add("enter");
                return gate;
            }

            @Override
            public HttpResult exit(Call call, HttpResult result) {
                events.add("exit");
                return result;
            }

            @Override
            public void abandon(Call call, Throwable failure) {
                events.add("abandon");
            }
        };
    }

    /**
     * What the container hands an interceptor of {@code Exchange.exchange(Call)}: the call as the
     * one parameter, and the inner chain as proceed() (which throws when it has no result).
     */
    private static final class Invocation implements InvocationContext {
        private final List<String> events;
        private final HttpResult result;

        Invocation(List<String> events, HttpResult result) {
            this.events = events;
            this.result = result;
        }

        @Override
        public Object proceed() {
            events.add("proceed");
            if (result == null) {
                throw new IllegalStateException("inner failure");
            }
            return result;
        }

        @Override
        public Object[] getParameters() {
            return new Object[] {null};
        }

        @Override
        public Object getTarget() {
            return null;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return Arrays.stream(dev.httpcon.core.Exchange.class.getMethods())
                    .filter(m -> m.getName().equals("exchange")).findFirst().orElseThrow();
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public void setParameters(Object[] params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> getContextData() {
            return Map.of();
        }
    }
}
