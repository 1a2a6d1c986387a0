package com.ecommerce.bootstrap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of {@code docs/style.md}. Bootstrap sees every module, so the whole production code base is imported here;
 * a broken rule fails {@code ./mvnw verify}.
 */
@AnalyzeClasses(packages = "com.ecommerce",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** The modules' test-jars (fixtures, token helpers) are on this classpath too, but they are tests. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String DOMAIN = "com.ecommerce.domain..";
    private static final String APPLICATION = "com.ecommerce.application..";
    private static final String WEB = "com.ecommerce.adapter.in.web..";
    private static final String PERSISTENCE = "com.ecommerce.adapter.out.persistence..";
    private static final String LOCK = "com.ecommerce.adapter.out.lock..";
    private static final String PAYMENT_GATEWAY = "com.ecommerce.adapter.out.payment..";
    private static final String BOOTSTRAP = "com.ecommerce.bootstrap..";

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("Web").definedBy(WEB)
            .layer("Persistence").definedBy(PERSISTENCE)
            .layer("Lock").definedBy(LOCK)
            .layer("PaymentGateway").definedBy(PAYMENT_GATEWAY)
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Web").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Lock").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("PaymentGateway").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Web", "Persistence", "Lock", "PaymentGateway",
                    "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Web", "Persistence", "Lock", "PaymentGateway",
                    "Bootstrap");

    @ArchTest
    static final ArchRule domainIsPureJava = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the domain is plain Java: no framework, no library");

    @ArchTest
    static final ArchRule applicationIsFrameworkFree = noClasses().that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta..", "javax.persistence..", "org.hibernate..",
                    "org.redisson..", "org.apache.curator..")
            .because("use cases are plain Java; adapters bring the frameworks");

    private static final List<String> AGGREGATES = List.of("point", "stock", "order", "user", "payment");

    @ArchTest
    static final ArchRule applicationIsSplitByAggregate = classes().that().resideInAPackage(APPLICATION)
            .should().resideInAnyPackage(AGGREGATES.stream().map(a -> "com.ecommerce.application." + a + "..")
                    .toArray(String[]::new))
            .orShould().resideInAnyPackage("com.ecommerce.application.idempotency..",
                    "com.ecommerce.application.unitofwork..", "com.ecommerce.application.paging..",
                    "com.ecommerce.application.shared..")
            .because("application mirrors domain: one package per aggregate; cross-cutting pieces by concern "
                    + "(idempotency, the unit of work, paging) and what every service shares (transactions, 404s)");

    @ArchTest
    static final ArchRule outPortsAreNamedPort = classes().that().resideInAPackage("..application..port.out..")
            .and().areInterfaces().and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("Port");

    @ArchTest
    static final ArchRule aggregateOutPortsAreStores = classes().that().resideInAPackage("..application.*.port.out..")
            .and().areInterfaces().and().areTopLevelClasses().and().resideOutsideOfPackage("..application.shared..")
            .should().haveSimpleNameEndingWith("StorePort").orShould().haveSimpleNameEndingWith("MetricsPort")
            .orShould().haveSimpleNameEndingWith("GatewayPort")
            .because("an aggregate has one store port with intent-named methods, not a Load/Save pair per table "
                    + "(and may tell the deployment what to measure, or talk to the outside system it depends on)");

    /** One store port per aggregate, and it lives in that aggregate's package. */
    @ArchTest
    static void oneStorePortPerAggregate(JavaClasses classes) {
        for (String aggregate : AGGREGATES) {
            List<String> ports = classes.stream()
                    .filter(c -> c.isInterface() && c.isTopLevelClass() && c.getPackageName().equals(
                            "com.ecommerce.application." + aggregate + ".port.out"))
                    .map(JavaClass::getSimpleName)
                    .filter(name -> !name.endsWith("MetricsPort") && !name.endsWith("GatewayPort")).toList();
            assertThat(ports).as("out-ports of %s", aggregate).hasSizeLessThanOrEqualTo(1)
                    .allMatch(name -> name.endsWith("StorePort"));
        }
    }

    @ArchTest
    static final ArchRule inPortsAreNamedUseCase = classes().that().resideInAPackage("..application..port.in..")
            .and().areInterfaces()
            .should().haveSimpleNameEndingWith("UseCase");

    @ArchTest
    static final ArchRule useCasesAreImplementedByServices = classes()
            .that().implement(DescribedPredicate.describe("a use case",
                    (JavaClass c) -> c.getSimpleName().endsWith("UseCase") && c.getPackageName().contains(".port.in")))
            .should().resideInAPackage("..application.*.service..")
            .andShould().haveSimpleNameEndingWith("Service");

    @ArchTest
    static final ArchRule webTalksToInPortsOnly = noClasses().that().resideInAPackage(WEB)
            .should().dependOnClassesThat().resideInAnyPackage("..application..service..", "..application..port.out..")
            .orShould().dependOnClassesThat().haveSimpleName("GuardedUnitOfWork")
            .because("controllers call use cases, never services, out-ports or the unit of work");

    @ArchTest
    static final ArchRule noTransportOutcomesInTheDomain = noFields().that().areDeclaredInClassesThat()
            .resideInAPackage(DOMAIN)
            .should().haveNameMatching("NOT_FOUND|METHOD_NOT_ALLOWED|PAYLOAD_TOO_LARGE|UNSUPPORTED_MEDIA_TYPE"
                    + "|INTERNAL_ERROR|UNAUTHENTICATED")
            .because("the domain names business outcomes; routes, methods, sizes and credentials are the web's "
                    + "(FORBIDDEN is the domain's: who may act for whom is a business rule, see Actor)");

    @ArchTest
    static final ArchRule securityOnlyInTheWebAdapterAndBootstrap = noClasses().that()
            .resideOutsideOfPackages(WEB, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security..", "com.nimbusds..")
            .because("the transport authenticates and bootstrap picks the token source; the core learns who acts "
                    + "through Actor, a plain domain value");

    @ArchTest
    static final ArchRule noPagingInTheDomain = noClasses().that().resideInAPackage(DOMAIN)
            .should().haveSimpleNameStartingWith("Page")
            .because("paging is how a client reads, not a business rule");

    @ArchTest
    static final ArchRule databaseAccessOnlyInPersistence = noClasses()
            .that().resideOutsideOfPackages(PERSISTENCE, "com.ecommerce.bootstrap.config..",
                    "com.ecommerce.adapter.out.lock.jdbc..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..",
                    "org.hibernate..", "org.springframework.jdbc..", "org.springframework.orm..")
            .because("adapter-persistence is the one owner of tables, SQL and JPA; bootstrap only hands it its "
                    + "EntityManager (SqlOnlyInPersistenceTest checks the strings). lock-jdbc hands Spring "
                    + "Integration's lock repository the DataSource and a transaction manager over it: the SQL is the "
                    + "library's, the table adapter-persistence's migration");

    @ArchTest
    static final ArchRule onlyTheUnitOfWorkTakesLocks = noClasses().that().resideInAPackage(APPLICATION)
            .and().doNotHaveSimpleName("GuardedUnitOfWork")
            .should().dependOnClassesThat().haveFullyQualifiedName("com.ecommerce.domain.lock.LockPort")
            .because("a use case states its keys; the guarded unit of work alone orders locks and transactions");

    @ArchTest
    static final ArchRule transactionsOnlyInPersistence = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().beAnnotatedWith("org.springframework.transaction.annotation.Transactional")
            .orShould().beAnnotatedWith("jakarta.transaction.Transactional")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(
                    "org.springframework.transaction.annotation.Transactional")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.transaction.Transactional")
            .because("the application opens transactions through TransactionPort");

    @ArchTest
    static final ArchRule topLevelSlicesAreFreeOfCycles = slices().matching("com.ecommerce.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainPackagesAreFreeOfCycles = slices().matching("com.ecommerce.domain.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices().matching("com.ecommerce.adapter.(*).(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule oneFenceMechanism = noFields().should().beAnnotatedWith("jakarta.persistence.Version")
            .because("the version-checked update of the stores is the only fence; a JPA @Version would be a second");

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule onlyDeadlinesAndMetricsReadTheNanoClock = noClasses()
            .that().doNotHaveFullyQualifiedName("com.ecommerce.domain.lock.Deadline")
            .and().doNotHaveFullyQualifiedName("com.ecommerce.adapter.out.lock.support.LockMetrics")
            .should().callMethod(System.class, "nanoTime")
            .because("a wait is a Deadline made once per request and handed down; measurements go through the metrics");

    /**
     * A class that needs more than five collaborators is doing two things (STYLE.md). Counted on every constructor
     * of an application class: parameters that are ports, services or other classes of ours, and clocks; values
     * (records, enums, durations, numbers) are settings, not collaborators.
     */
    @ArchTest
    static void noApplicationClassTakesMoreThanFiveCollaborators(JavaClasses classes) {
        for (JavaClass type : classes.that(resideInAPackage(APPLICATION))) {
            if (type.isRecord()) {
                continue;
            }
            type.getConstructors().forEach(constructor -> {
                long collaborators = constructor.getRawParameterTypes().stream()
                        .filter(ArchitectureTest::isCollaborator).count();
                assertThat(collaborators).as("collaborators of %s", constructor.getFullName())
                        .isLessThanOrEqualTo(5);
            });
        }
    }

    private static boolean isCollaborator(JavaClass parameter) {
        if (parameter.getName().equals("java.time.Clock")) {
            return true;
        }
        return parameter.getPackageName().startsWith("com.ecommerce.") && !parameter.isRecord()
                && !parameter.isEnum();
    }
}
