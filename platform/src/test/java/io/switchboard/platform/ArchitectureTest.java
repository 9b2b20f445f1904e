package io.switchboard.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The platform's packages build on each other without cycles and know nothing of the services. (Its public types are
 * the services' API, so the rule on public types that the services keep does not apply here.)
 */
@Tag("fast")
class ArchitectureTest {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.platform");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.switchboard.platform.(*)..")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .check(main);
    }

    @Test
    void dependsOnNothingOfOursButContracts() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.channel..",
                        "io.switchboard.queue..",
                        "io.switchboard.notification..",
                        "io.switchboard.billing..",
                        "io.switchboard.simulator..",
                        "io.switchboard.testkit..")
                .check(main);
    }
}
