package io.switchboard.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rules catch what they are for, on a sample with a cycle and a needlessly public type. */
@Tag("fast")
class ArchitectureRulesTest {

    private static final String SAMPLE = "io.switchboard.testkit.architecture.sample";
    private final JavaClasses sample = new ClassFileImporter().importPackages(SAMPLE);

    @Test
    void aCycleBetweenFeaturePackagesFails() {
        assertThatThrownBy(
                        () -> Architecture.featurePackagesFreeOfCycles(SAMPLE).check(sample))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("stock");
    }

    @Test
    void aPublicTypeUsedOnlyInItsPackageFails() {
        assertThatThrownBy(() -> Architecture.publicOnlyWhenUsedElsewhere(SAMPLE, DescribedPredicate.alwaysTrue())
                        .check(sample))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OrderNumbers is public")
                .hasMessageNotContaining("sample.orders.Orders is public");
    }

    @Test
    void aServiceThatReachesIntoAnotherModuleFails() {
        // The sample plays a service; its clock comes from the test kit, another module of the project.
        assertThatThrownBy(
                        () -> Architecture.usesOnlyPlatformAndContracts(SAMPLE).check(sample))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.switchboard.testkit.time.MutableClock");
    }
}
