package io.switchboard.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A service's package boundaries, the rules of {@link Architecture}: each service's {@code ArchitectureTest} extends
 * this with its base package. A plain test of the fast tier: no Quarkus, no infrastructure.
 */
@Tag("fast")
public abstract class ServiceArchitectureTest {

    private final String basePackage;
    private final JavaClasses main;

    protected ServiceArchitectureTest(String basePackage) {
        this.basePackage = basePackage;
        this.main = Architecture.mainClasses(basePackage);
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        Architecture.featurePackagesFreeOfCycles(basePackage).check(main);
    }

    @Test
    void dependsOnlyOnPlatformAndContracts() {
        Architecture.usesOnlyPlatformAndContracts(basePackage).check(main);
    }

    @Test
    void typesArePublicOnlyWhereAnotherPackageUsesThem() {
        Architecture.publicOnlyWhenUsedElsewhere(basePackage).check(Architecture.mainAndTestClasses(basePackage));
    }
}
