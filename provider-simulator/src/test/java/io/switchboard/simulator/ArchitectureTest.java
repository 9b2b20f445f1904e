package io.switchboard.simulator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulator plays an external system: its packages build on each other without cycles, and it shares no code with
 * the services that call it (not even {@code contracts}), so that it cannot agree with them by accident.
 */
@Tag("fast")
class ArchitectureTest {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.simulator");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.switchboard.simulator.(*)..")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .check(main);
    }

    @Test
    void sharesNoCodeWithTheServices() {
        noClasses()
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.switchboard..").and(not(resideInAPackage("io.switchboard.simulator.."))))
                .check(main);
    }
}
