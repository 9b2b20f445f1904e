/** Package rules (ArchUnit) that every module's {@code ArchitectureTest} checks. */
package io.switchboard.testkit.architecture;
