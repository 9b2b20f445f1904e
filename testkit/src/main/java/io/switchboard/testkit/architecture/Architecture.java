package io.switchboard.testkit.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The package rules every module keeps, checked by its {@code ArchitectureTest}: feature packages (the first level
 * under the module's base package) without cycles between them, a service that uses only {@code platform} and
 * {@code contracts} of the project, and types public only where another package uses them.
 */
public final class Architecture {

    /** The framework reads these types itself (resources, providers, entities, settings): they stay public. */
    private static final List<String> FRAMEWORK_ENTRY_POINTS = List.of(
            "jakarta.ws.rs.Path",
            "jakarta.ws.rs.ext.Provider",
            "jakarta.persistence.Entity",
            "jakarta.persistence.Embeddable",
            "jakarta.persistence.Converter",
            "io.smallrye.config.ConfigMapping");

    /** Production code: what the main classes folder holds, not the tests. */
    private static final DescribedPredicate<JavaClass> PRODUCTION = DescribedPredicate.describe(
            "production code",
            type -> type.getSource()
                    .map(source -> !source.getUri().toString().contains("/test-classes/"))
                    .orElse(true));

    private Architecture() {}

    /** The module's production classes. */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** The module's production and test classes: a test in another package is a user of a type too. */
    public static JavaClasses mainAndTestClasses(String basePackage) {
        return new ClassFileImporter().importPackages(basePackage);
    }

    /** No cycle between the feature packages: each can be read, tested and changed from the bottom up. */
    public static ArchRule featurePackagesFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .because("a feature package depends only on the ones below it");
    }

    /** A service builds on {@code platform} and {@code contracts}; it never reaches into another module. */
    public static ArchRule usesOnlyPlatformAndContracts(String basePackage) {
        return noClasses()
                .that()
                .resideInAPackage(basePackage + "..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.switchboard..")
                        .and(not(resideInAnyPackage(
                                basePackage + "..", "io.switchboard.platform..", "io.switchboard.contracts.."))))
                .because("services talk through topics and HTTP; what they share is in platform and contracts");
    }

    /**
     * A production type is public only when another package (of the module's code or tests) uses it, or the framework
     * reads it; everything else is package-private, so that a package's insides can change without a search.
     */
    public static ArchRule publicOnlyWhenUsedElsewhere(String basePackage) {
        return publicOnlyWhenUsedElsewhere(basePackage, PRODUCTION);
    }

    /** The rule on the types {@code checked} picks (the rules' own test checks a sample among test classes). */
    static ArchRule publicOnlyWhenUsedElsewhere(String basePackage, DescribedPredicate<JavaClass> checked) {
        DescribedPredicate<JavaClass> frameworkEntryPoint = DescribedPredicate.describe(
                "read by the framework", type -> FRAMEWORK_ENTRY_POINTS.stream().anyMatch(type::isAnnotatedWith));
        return classes()
                .that()
                .resideInAPackage(basePackage + "..")
                .and()
                .areTopLevelClasses()
                .and()
                .arePublic()
                .and(checked)
                .and(not(frameworkEntryPoint))
                .should(beUsedFromAnotherPackage())
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package (or be package-private)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                // A nested type used elsewhere (a record a method returns) needs its enclosing type public too.
                boolean used = usedFromAnotherPackage(type)
                        || type.getPackage().getClasses().stream()
                                .filter(nested -> nested.getName().startsWith(type.getName() + "$"))
                                .anyMatch(Architecture::usedFromAnotherPackage);
                if (!used) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getName() + " is public but used only in its package: make it package-private"));
                }
            }
        };
    }

    private static boolean usedFromAnotherPackage(JavaClass type) {
        for (Dependency dependency : type.getDirectDependenciesToSelf()) {
            if (!dependency.getOriginClass().getPackageName().equals(type.getPackageName())) {
                return true;
            }
        }
        return false;
    }
}
