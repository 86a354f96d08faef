package dev.httpcon.cdi;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

/**
 * The one bean of every connection defined at deployment: a producer method whose bean
 * {@link HttpConExtension} gives one {@code @HttpCon("<name>")} qualifier per defined name (in
 * {@code ProcessBeanAttributes}), so {@code @Inject @HttpCon("name") HttpConnection},
 * {@code Instance.select(HttpCon.Literal.of("name"))} and {@code CDI.current().select(...)} resolve
 * to it for every defined name and to nothing for any other name.
 *
 * <p>Why one bean and not one per connection: a container pays for every bean at deployment (Weld
 * appends each to a copy-on-write list, fires its events, resolves every injection point against
 * every bean of the type), which made the boot grow faster than the number of connections. The
 * bean is {@code @Dependent} because the name it answers for is the one asked for, which only the
 * injection point knows; it hands out the core's connection object itself (one per name, safe to
 * share, no client proxy in front of it). Weld keeps no reference to the instances of a
 * {@code @Dependent} producer without a disposer, so looking a connection up on every call does not
 * accumulate anything. Added by the extension as a synthetic type; discovered copies are vetoed.
 *
 * <p>The names are those defined at deployment. The connection object looks its settings up on
 * every call, so a reload that changes or removes a name reaches it; a name a reload adds is usable
 * through {@code HttpConnections}, and as an injection point only after a redeploy (CDI sets a
 * bean's qualifiers at deployment).
 */
final class ConnectionBeans {

    @Produces
    static HttpConnection connection(InjectionPoint ip, HttpConContext context) {
        HttpCon name = ip == null ? null : HttpConExtension.qualifier(ip);
        if (name == null) {
            throw new IllegalStateException(Messages.lookupWithoutName(ip));
        }
        return context.connection(name.value());
    }
}
