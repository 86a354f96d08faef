package dev.httpcon.cdi;

import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.ReloadResult;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MpConfigView;
import dev.httpcon.core.Concern;
import dev.httpcon.core.Exchange;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.SettingsFeed;
import dev.httpcon.management.HttpClientManagement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InterceptionFactory;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBeanAttributes;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The httpcon portable extension: reads the connection definitions from MicroProfile Config,
 * validates them and every {@code @HttpCon} injection point at deployment, and registers one
 * {@code HttpConnection} bean that carries an {@code @HttpCon("<name>")} qualifier for every connection
 * ({@link ConnectionBeans}: one bean, not one per connection, so a deployment of many connections
 * costs the container one bean), plus the {@link HttpConnections} and {@link HttpQuery} beans, and one typed Rest Client bean
 * ({@code @ApplicationScoped @HttpCon("<name>")}) per interface asked for by an injection point or
 * named in {@code rest-clients} (made by {@code dev.httpcon.restclient}, only when MicroProfile
 * Rest Client is present). Registered through
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}; the library has no beans.xml,
 * so its interceptors are added here and nowhere else.
 *
 * <p>It only wires: reading and validation live in {@code config}, sending in {@code engine}, the
 * concerns around each attempt in {@code core}. The container runs those concerns through one
 * thin interceptor per concern, bound to each connection's {@code Exchange}.
 */
public class HttpConExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(HttpConExtension.class.getName());

    static final List<Class<?>> INTERCEPTORS = List.of(RedirectCaptureInterceptor.class,
            FailoverInterceptor.class, BudgetInterceptor.class, HealthInterceptor.class,
            OverloadGuardInterceptor.class, MetricsInterceptor.class);

    private final List<InjectionPoint> requested = new ArrayList<>();
    /** Whether {@code async_executor} names are resolved at deployment (not by a tool that makes no asynchronous call). */
    private final boolean resolveExecutors;

    /** The extension as containers load it (the service loader's constructor). */
    public HttpConExtension() {
        this(true);
    }

    private HttpConExtension(boolean resolveExecutors) {
        this.resolveExecutors = resolveExecutors;
    }

    /**
     * The extension for a tool over an application's configuration that makes no asynchronous
     * call (the {@code httpcon} command): the executors an {@code async_executor} names are the
     * application's beans, absent there, so the names are not resolved (and not refused).
     */
    public static HttpConExtension withoutExecutors() {
        return new HttpConExtension(false);
    }
    /** Read in AfterTypeDiscovery, before the connection bean's qualifiers are set; null if that failed. */
    private SettingsFeed opened;
    private HttpConSettings settings;
    private DefinitionException loadFailure;
    private volatile HttpConCore core;
    private volatile SettingsFeed feed;
    private volatile HttpClientManagement management;

    void addInterceptors(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        for (Class<?> c : INTERCEPTORS) {
            bbd.addAnnotatedType(bm.createAnnotatedType(c), HttpConExtension.class.getName() + "." + c.getSimpleName());
        }
        bbd.addAnnotatedType(bm.createAnnotatedType(ConnectionBeans.class),
                HttpConExtension.class.getName() + "." + ConnectionBeans.class.getSimpleName());
    }

    /**
     * {@code @Interceptor} is a bean-defining annotation, so a container that scans the library jar
     * as an implicit bean archive (a Jakarta EE server does) would find our interceptors a second
     * time and every call would be counted twice. The copies added above are synthetic; any other
     * discovery of these classes is vetoed.
     */
    <T> void vetoDiscoveredCopies(@Observes @WithAnnotations({Interceptor.class, Produces.class}) ProcessAnnotatedType<T> pat) {
        Class<T> type = pat.getAnnotatedType().getJavaClass();
        if (!(pat instanceof ProcessSyntheticAnnotatedType)
                && (INTERCEPTORS.contains(type) || type == ConnectionBeans.class)) {
            pat.veto();
        }
    }

    /**
     * The definitions are read once the types are known and before the beans are made, because the
     * connection bean's qualifiers are the defined names. A failure is reported in
     * AfterBeanDiscovery, the first event that takes definition errors.
     */
    void readDefinitions(@Observes AfterTypeDiscovery atd) {
        SettingsFeed feed;
        try {
            // With ZooKeeper configured, this reads everything under its root first (or fails).
            feed = SettingsFeed.open(new MpConfigView(ConfigProvider.getConfig()));
        } catch (ConfigValidationException e) {
            loadFailure = new DefinitionException(e.getMessage());
            return;
        } catch (IllegalStateException noConfig) {
            loadFailure = new DefinitionException(Messages.noConfigImplementation(noConfig));
            return;
        }
        try {
            settings = feed.load();
            opened = feed;
        } catch (ConfigValidationException e) {
            feed.close();
            loadFailure = new DefinitionException(e.getMessage());
        }
    }

    /**
     * The connection bean answers to every defined name and to no other: its qualifiers are
     * {@code @Any} and one {@code @HttpCon("<name>")} per definition. Without definitions (the
     * deployment fails) there is no bean.
     */
    void nameConnectionBean(@Observes ProcessBeanAttributes<HttpConnection> pba) {
        if (!(pba.getAnnotated() instanceof AnnotatedMethod<?> m)
                || m.getJavaMember().getDeclaringClass() != ConnectionBeans.class) {
            return;
        }
        if (settings == null) {
            pba.veto();
            return;
        }
        Set<Annotation> qualifiers = new HashSet<>(settings.connections().size() * 4 / 3 + 2);
        qualifiers.add(Any.Literal.INSTANCE);
        for (String name : settings.connections().keySet()) {
            qualifiers.add(HttpCon.Literal.of(name));
        }
        pba.configureBeanAttributes().qualifiers(qualifiers);
    }

    void collect(@Observes ProcessInjectionPoint<?, ?> pip) {
        InjectionPoint ip = pip.getInjectionPoint();
        if (ip.getType() == HttpConnection.class || qualifier(ip) != null) {
            synchronized (requested) {
                requested.add(ip);
            }
        }
    }

    void addBeans(@Observes AfterBeanDiscovery abd, BeanManager bm) {
        if (loadFailure != null || settings == null) {
            abd.addDefinitionError(loadFailure != null ? loadFailure
                    : new DefinitionException("httpcon: the connection definitions were not read (no AfterTypeDiscovery)"));
            return;
        }
        SettingsFeed opened = this.opened;
        HttpConSettings settings = this.settings;
        this.opened = null;   // from here on owned by this method: closed on failure, kept as feed otherwise
        List<String> unknown = unresolvedInjectionPoints(settings);
        if (!unknown.isEmpty()) {
            opened.close();
            abd.addDefinitionError(new DefinitionException(Messages.unresolvedInjectionPoints(unknown,
                    settings.connections().keySet())));
            return;
        }
        ClassLoader deploymentLoader = Thread.currentThread().getContextClassLoader();
        TypedClients typed = TypedClients.find(injectionPoints(), settings, deploymentLoader);
        if (!typed.problems().isEmpty()) {
            opened.close();
            abd.addDefinitionError(new DefinitionException(Messages.invalidRestClients(typed.problems())));
            return;
        }
        HttpConCore started = HttpConCore.start(settings, (target, concerns) -> intercepted(bm, target, concerns));
        HttpConContext ctx = new HttpConContext(started);
        this.core = started;
        this.feed = opened;

        abd.addBean()
                .beanClass(HttpConContext.class)
                .types(HttpConContext.class, Object.class)
                .scope(Singleton.class)
                .createWith(cc -> ctx);
        for (TypedClients.Wanted w : typed.wanted()) {
            addTypedClientBean(abd, ctx, w, deploymentLoader);
        }
        abd.addBean()
                .beanClass(HttpQuery.class)
                .types(HttpQuery.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .createWith(cc -> started.query());
        HealthBridge.addReadinessCheck(abd, started);
        abd.addBean()
                .beanClass(HttpConnections.class)
                .types(HttpConnections.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .createWith(cc -> started.connections());
    }

    /**
     * A typed Rest Client sends through the connection object the connection bean hands out (whose
     * exchange is intercepted), so it needs no interceptors of its own.
     */
    private static void addTypedClientBean(AfterBeanDiscovery abd, HttpConContext ctx, TypedClients.Wanted w,
                                           ClassLoader deploymentLoader) {
        abd.addBean()
                .beanClass(w.type())
                .types(w.type(), Object.class)
                .qualifiers(HttpCon.Literal.of(w.connection()), Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .createWith(cc -> RestClientBridge.create(ctx.connection(w.connection()), w.type(), deploymentLoader))
                .destroyWith((client, cc) -> RestClientBridge.close(client));
    }

    /**
     * The container's side of the core's {@code Interception}: one interceptor per concern the
     * core applies, bound to {@code Exchange.exchange} and {@code Exchange.exchangeAsync} (the
     * methods every blocking and asynchronous call enters through), through an InterceptionFactory
     * on that concrete class. The core asks once per set of concerns, when a connection with that
     * set is first used: at any time, since a reload may give a connection a set it did not have (a
     * failover added makes the failover interceptor apply from its next call on). Interceptor
     * instances live as long as the deployment, so their creational context is never released.
     */
    private static Exchange intercepted(BeanManager bm, Exchange target, List<Concern> concerns) {
        CreationalContext<Exchange> cc = bm.createCreationalContext(null);
        InterceptionFactory<Exchange> factory = bm.createInterceptionFactory(cc, Exchange.class);
        factory.configure()
                .filterMethods(m -> m.getJavaMember().getDeclaringClass() == Exchange.class
                        && (m.getJavaMember().getName().equals("exchange")
                            || m.getJavaMember().getName().equals("exchangeAsync")))
                .forEach(m -> concerns.forEach(c -> m.add(binding(c))));
        return factory.createInterceptedInstance(target);
    }

    /** The interceptor binding of each concern. */
    static Annotation binding(Concern concern) {
        return switch (concern) {
            case REDIRECT_CAPTURE -> HttpConRedirectCapture.Literal.INSTANCE;
            case FAILOVER -> HttpConFailover.Literal.INSTANCE;
            case BUDGET -> HttpConBudget.Literal.INSTANCE;
            case HEALTH -> HttpConHealth.Literal.INSTANCE;
            case OVERLOAD_GUARD -> HttpConOverloadGuard.Literal.INSTANCE;
            case MEASUREMENTS -> HttpConMetered.Literal.INSTANCE;
        };
    }

    void start(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        HttpConCore c = core;
        if (c == null) {
            return;
        }
        if (resolveExecutors) {
            try {
                c.executors(name -> NamedExecutors.find(bm, name));
            } catch (ConfigValidationException e) {
                adv.addDeploymentProblem(new DeploymentException(e.getMessage()));
                return;
            }
        }
        c.recorder(MetricsBridge.recorder(bm, c.registry().names()));
        // Changes of connection state as CDI events, for @Observes and @ObservesAsync observers
        // alike, fired from httpcon's notification thread: never on the thread of a call.
        c.onStateChange(e -> {
            Event<ConnectionStateChanged> event = bm.getEvent().select(ConnectionStateChanged.class);
            event.fire(e);
            event.fireAsync(e);
        });
        // Every reload is an event: observe ReloadResult. Fired on the thread that reloaded.
        c.onReload(result -> bm.getEvent().select(ReloadResult.class).fire(result));
        SettingsFeed f = feed;
        if (f != null) {
            c.reloadFrom(f);   // watches files, ZooKeeper and the reload_period from now on
        }
        HttpClientManagement m = new HttpClientManagement(c);
        try {
            m.register();
            management = m;
        } catch (JMException | SecurityException e) {
            LOG.log(Level.WARNING, "httpcon: listcon MBean not registered: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, () -> Messages.started(c.registry().names()));
    }

    void stop(@Observes BeforeShutdown bs) {
        if (management != null) {
            management.close();
            management = null;
        }
        if (core != null) {
            core.close();
            core = null;
        }
        if (feed != null) {
            feed.close();   // closed with the core once it reads from it; not if the deployment failed first
            feed = null;
        }
        if (opened != null) {
            opened.close();   // read, but the deployment failed before AfterBeanDiscovery took it
            opened = null;
        }
    }

    private List<InjectionPoint> injectionPoints() {
        synchronized (requested) {
            return new ArrayList<>(requested);
        }
    }

    private List<String> unresolvedInjectionPoints(HttpConSettings settings) {
        List<String> problems = new ArrayList<>();
        for (InjectionPoint ip : injectionPoints()) {
            HttpCon q = qualifier(ip);
            if (isInstance(ip.getType())) {
                continue; // Instance<...> may legitimately be unsatisfied; the caller checks isResolvable()
            }
            if (q == null) {
                problems.add(Messages.missingQualifier(describe(ip)));
            } else if ((ip.getType() == HttpConnection.class || TypedClients.isTypedClient(ip.getType()))
                    && settings.connection(q.value()) == null) {
                problems.add(Messages.unknownName(q.value(), describe(ip)));
            }
        }
        Collections.sort(problems);
        return problems;
    }

    static HttpCon qualifier(InjectionPoint ip) {
        for (Annotation a : ip.getQualifiers()) {
            if (a instanceof HttpCon h) {
                return h;
            }
        }
        return null;
    }

    private static boolean isInstance(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Instance.class;
    }

    static String describe(InjectionPoint ip) {
        String owner = ip.getMember().getDeclaringClass().getName();
        if (ip.getAnnotated() instanceof AnnotatedParameter<?> p) {
            return owner + "." + ip.getMember().getName() + "(parameter " + p.getPosition() + ")";
        }
        return owner + "." + ip.getMember().getName();
    }
}
