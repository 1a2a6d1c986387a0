package com.ecommerce.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of STYLE.md. Bootstrap sees every module, so the whole production code base is imported here;
 * a broken rule fails {@code ./mvnw verify}.
 */
@AnalyzeClasses(packages = "com.ecommerce", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "com.ecommerce.domain..";
    private static final String APPLICATION = "com.ecommerce.application..";
    private static final String WEB = "com.ecommerce.adapter.in.web..";
    private static final String PERSISTENCE = "com.ecommerce.adapter.out.persistence..";
    private static final String LOCK = "com.ecommerce.adapter.out.lock..";
    private static final String BOOTSTRAP = "com.ecommerce.bootstrap..";

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("Web").definedBy(WEB)
            .layer("Persistence").definedBy(PERSISTENCE)
            .layer("Lock").definedBy(LOCK)
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Web").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Lock").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Web", "Persistence", "Lock", "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Web", "Persistence", "Lock", "Bootstrap");

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

    @ArchTest
    static final ArchRule outPortsAreNamedPort = classes().that().resideInAPackage("..application.port.out..")
            .and().areInterfaces()
            .should().haveSimpleNameEndingWith("Port");

    @ArchTest
    static final ArchRule inPortsAreNamedUseCase = classes().that().resideInAPackage("..application.port.in..")
            .and().areInterfaces()
            .should().haveSimpleNameEndingWith("UseCase");

    @ArchTest
    static final ArchRule useCasesAreImplementedByServices = classes()
            .that().implement(com.tngtech.archunit.base.DescribedPredicate.describe("a use case",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getSimpleName().endsWith("UseCase")
                            && c.getPackageName().contains(".application.port.in")))
            .should().resideInAPackage("..application.service..")
            .andShould().haveSimpleNameEndingWith("Service");

    @ArchTest
    static final ArchRule webTalksToInPortsOnly = noClasses().that().resideInAPackage(WEB)
            .should().dependOnClassesThat().resideInAnyPackage("..application.service..", "..application.port.out..")
            .because("controllers call use cases, never services or out-ports");

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
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
}
