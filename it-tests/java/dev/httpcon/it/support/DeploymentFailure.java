package dev.httpcon.it.support;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.inject.spi.DefinitionException;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;

/**
 * A deployment that must fail, and what it said: the type of the failure and every message in it
 * (causes and suppressed exceptions included, as a container may wrap the extension's exception
 * or list it among others).
 *
 * <p>For Arquillian, {@code @ShouldThrowException} checks the type only; the deployment is
 * declared {@code @Deployment(managed = false)} instead and deployed by the test through the
 * {@link Deployer}, which throws what the container threw:
 *
 * <pre>{@code
 * @Deployment(name = "bad", managed = false)
 * static JavaArchive deployment() { ... }
 *
 * @ArquillianResource
 * Deployer deployer;
 *
 * @Test
 * @RunAsClient
 * void refused() {
 *     DeploymentFailure.of(deployer, "bad").assertMentions("HTTPCON-001", "timeout", "'soon'");
 * }
 * }</pre>
 */
public final class DeploymentFailure {

    private final Throwable failure;
    private final String messages;

    private DeploymentFailure(Throwable failure) {
        this.failure = failure;
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                all.append(s.getMessage()).append('\n');
            }
        }
        this.messages = all.toString();
    }

    /** What a failed deployment threw. */
    public static DeploymentFailure of(Throwable failure) {
        return new DeploymentFailure(failure);
    }

    /**
     * Deploys the Arquillian deployment {@code name} (declared with {@code managed = false}),
     * which must fail.
     *
     * @throws AssertionError if it deploys
     */
    public static DeploymentFailure of(Deployer deployer, String name) {
        try {
            deployer.deploy(name);
        } catch (RuntimeException expected) {
            return new DeploymentFailure(expected);
        }
        deployer.undeploy(name);
        return fail("the deployment '" + name + "' deployed");
    }

    /** Every message of the failure, one per line. */
    public String messages() {
        return messages;
    }

    /** The failure is a CDI definition error, and its messages mention every one of {@code parts}. */
    public DeploymentFailure assertDefinitionErrorMentioning(String... parts) {
        assertInstanceOf(DefinitionException.class, failure, messages);
        for (String p : List.of(parts)) {
            assertTrue(messages.contains(p), () -> "the failure does not mention '" + p + "':\n" + messages);
        }
        return this;
    }
}
