package dev.httpcon.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.HttpResult;
import dev.httpcon.core.ConnectionRuntime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The package rules of {@code docs/architecture.md}, checked on the library's compiled classes:
 * which httpcon package may use which (anything outside httpcon is not this test's business), and
 * no cycles between packages.
 */
@AnalyzeClasses(packages = "dev.httpcon", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String API = "dev.httpcon";
    private static final String CONFIG = "dev.httpcon.config..";
    private static final String ENGINE = "dev.httpcon.engine..";
    private static final String CORE = "dev.httpcon.core..";
    private static final String STANDALONE = "dev.httpcon.standalone..";
    private static final String METRICS = "dev.httpcon.metrics..";
    private static final String OTEL = "dev.httpcon.otel..";
    private static final String MICROMETER = "dev.httpcon.micrometer..";
    private static final String HEALTH = "dev.httpcon.health..";
    private static final String MANAGEMENT = "dev.httpcon.management..";
    private static final String RESTCLIENT = "dev.httpcon.restclient..";
    private static final String CDI = "dev.httpcon.cdi..";
    private static final String CLI = "dev.httpcon.cli..";
    private static final String ZOOKEEPER = "dev.httpcon.zookeeper..";

    @ArchTest
    static final ArchRule apiIsALeaf = mayUseOnly(API);

    @ArchTest
    static final ArchRule configUsesTheApiOnly = mayUseOnly(CONFIG, API);

    @ArchTest
    static final ArchRule engineUsesConfigAndApi = mayUseOnly(ENGINE, CONFIG, API);

    @ArchTest
    static final ArchRule coreUsesEngineConfigZooKeeperAndApi = mayUseOnly(CORE, ENGINE, CONFIG, ZOOKEEPER, API);

    @ArchTest
    static final ArchRule zooKeeperUsesConfigAndApi = mayUseOnly(ZOOKEEPER, CONFIG, API);

    @ArchTest
    static final ArchRule standaloneUsesCoreConfigAndApi = mayUseOnly(STANDALONE, CORE, CONFIG, API);

    @ArchTest
    static final ArchRule metricsAdaptsTheCore = mayUseOnly(METRICS, CORE, API);

    @ArchTest
    static final ArchRule openTelemetryAdaptsTheCore = mayUseOnly(OTEL, CORE, API);

    @ArchTest
    static final ArchRule micrometerAdaptsTheCore = mayUseOnly(MICROMETER, CORE, API);

    /** Each back end is loaded only when its own library is present: none may need another's. */
    @ArchTest
    static final ArchRule eachBackEndUsesOnlyItsOwnLibrary = noClasses()
            .that().resideInAnyPackage(METRICS, OTEL, MICROMETER)
            .should(new com.tngtech.archunit.lang.ArchCondition<JavaClass>("use the library of another back end") {
                @Override
                public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                    String own = c.getPackageName();
                    c.getDirectDependenciesFromSelf().forEach(d -> {
                        String target = d.getTargetClass().getPackageName();
                        boolean otel = target.startsWith("io.opentelemetry");
                        boolean micrometer = target.startsWith("io.micrometer");
                        boolean mp = target.startsWith("org.eclipse.microprofile.metrics");
                        boolean foreign = (otel && !own.startsWith("dev.httpcon.otel"))
                                || (micrometer && !own.startsWith("dev.httpcon.micrometer"))
                                || (mp && !own.startsWith("dev.httpcon.metrics"));
                        if (foreign) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    });
                }
            })
            .because("a back end's classes are loaded only when its own library is present");
    static final ArchRule healthAdaptsTheCore = mayUseOnly(HEALTH, CORE, API);

    @ArchTest
    static final ArchRule managementUsesCoreConfigAndApi = mayUseOnly(MANAGEMENT, CORE, CONFIG, API);

    @ArchTest
    static final ArchRule restClientUsesApiAndCore = mayUseOnly(RESTCLIENT, CORE, API);

    @ArchTest
    static final ArchRule onlyTheCommandUsesTheCommand = classes()
            .that().resideOutsideOfPackage(CLI)
            .should().onlyDependOnClassesThat(not(resideInAPackage(CLI)))
            .because("the httpcon command sits on top of everything; nothing sits on it");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.httpcon.(*)..").should().beFreeOfCycles();

    /**
     * One logging API in the library: {@code System.Logger} (java.util.logging by default, so
     * containers and the command see it). Only the command sets java.util.logging up as the
     * backend, in one class.
     */
    @ArchTest
    static final ArchRule oneLoggingApi = noClasses()
            .that().resideInAPackage("dev.httpcon..").and().haveNameNotMatching("dev\\.httpcon\\.cli\\.Logging(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .because("the library logs through System.Logger only");

    /** An attempt made outside the core's pipeline would bypass failover, redirect capture and measurements. */
    @ArchTest
    static final ArchRule noPublicWayToAnAttemptWithoutTheConcerns = noMethods()
            .that().areDeclaredIn(ConnectionRuntime.class).and().arePublic()
            .should().haveRawReturnType(HttpResult.class)
            .because("only the core's pipeline sends through a connection's runtime");

    /** What the core hands applications is seen only through the API's interfaces. */
    @ArchTest
    static final ArchRule theCoresImplementationsOfTheApiAreNotPublic = classes()
            .that().resideInAPackage(CORE)
            .and(assignableTo(HttpConnection.class).or(assignableTo(HttpConnections.class))
                    .or(assignableTo(HttpQuery.class)))
            .should().notBePublic();

    /**
     * The container-less entry point is public API: what it takes and gives (parameters, results,
     * their type arguments, declared exceptions) are the API's types (its own included) or the JDK's, never an
     * internal type (settings, the core, the measurement SPI) nor an optional library's.
     */
    @ArchTest
    static final ArchRule theEntryPointSpeaksOnlyApiAndJdkTypes = codeUnits()
            .that().areDeclaredInClassesThat().resideInAPackage(STANDALONE)
            .and().areDeclaredInClassesThat().arePublic()
            .and().arePublic()
            .should(useOnlyApiAndJdkTypes());

    private static ArchCondition<JavaCodeUnit> useOnlyApiAndJdkTypes() {
        return new ArchCondition<>("use only dev.httpcon and java.* types in their signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                Set<JavaClass> used = new LinkedHashSet<>();
                List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
                types.add(unit.getReturnType());
                types.forEach(t -> used.addAll(t.getAllInvolvedRawTypes()));
                used.addAll(unit.getExceptionTypes());
                for (JavaClass c : used) {
                    JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
                    String pkg = base.getPackageName();
                    boolean api = pkg.equals(API) || pkg.equals("dev.httpcon.standalone");
                    boolean ok = base.isPrimitive() || pkg.startsWith("java.")
                            || api && base.getModifiers().contains(JavaModifier.PUBLIC);
                    if (!ok) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " uses " + base.getName()));
                    }
                }
            }
        };
    }

    /** Classes of {@code pkg} use no httpcon class but their own package's and {@code allowed}'s. */
    private static ArchRule mayUseOnly(String pkg, String... allowed) {
        String[] own = new String[allowed.length + 1];
        own[0] = pkg;
        System.arraycopy(allowed, 0, own, 1, allowed.length);
        DescribedPredicate<JavaClass> outsideHttpcon = not(resideInAPackage("dev.httpcon.."));
        return classes().that().resideInAPackage(pkg)
                .should().onlyDependOnClassesThat(outsideHttpcon.or(resideInAnyPackage(own)))
                .because("docs/architecture.md allows " + pkg + " to use "
                        + (allowed.length == 0 ? "nothing of httpcon" : "only " + String.join(", ", allowed)));
    }
}
