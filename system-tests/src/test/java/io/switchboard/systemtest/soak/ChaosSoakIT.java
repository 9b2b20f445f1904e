package io.switchboard.systemtest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.systemtest.LocalPlatformUnderTest;
import io.switchboard.systemtest.soak.FaultSchedule.Fault;
import io.switchboard.systemtest.soak.SoakChecks.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The chaos soak: mixed load through the public APIs and the simulator while a fault schedule kills services,
 * terminates database connections and restarts the Kafka broker; then the invariants over everything it did. The short
 * soak runs in the default suite; the full one with {@code -Dsoak=true} (see RELIABILITY.md). It prints a table of
 * what it did and what held, and writes it to {@code target/soak-report.md}.
 */
class ChaosSoakIT {

    @Test
    void everyInvariantHoldsThroughMixedLoadAndFaults() throws Exception {
        SoakSettings settings = SoakSettings.fromSystemProperties();
        LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
        SoakHttp http = new SoakHttp();
        String receipts = platform.simulator() + "/control/receipts";
        Object usualReceipts = http.expectOk("GET", receipts, null, null);
        try (CuratorReceiver receiver = CuratorReceiver.start()) {
            Instant setupStart = Instant.now();
            SoakWorld world = SoakWorld.create(platform, http, settings, receiver);
            Duration setup = Duration.between(setupStart, Instant.now());
            // Receipts late and out of order: "read" comes before "delivered".
            http.expectOk("PUT", receipts, null, Map.of("deliveredAfterMillis", 1500, "readAfterMillis", 400));
            Instant loadStart = Instant.now();
            SoakChecks checks = new SoakChecks(platform, http, world, receiver);
            List<Fault> faults;
            SoakTraffic traffic = new SoakTraffic(platform, http, world, settings, receiver);
            try (traffic;
                    FaultSchedule schedule = new FaultSchedule(platform, settings)) {
                traffic.start(loadStart);
                schedule.start(loadStart.plus(settings.duration()));
                SoakHttp.pause(settings.duration());
                traffic.stop();
                schedule.stop();
                faults = new ArrayList<>(schedule.injected);
            }
            Duration load = Duration.between(loadStart, Instant.now());
            checks.undoTrouble();
            checks.settle(settings.full() ? Duration.ofMinutes(10) : Duration.ofMinutes(4));
            checks.checkAll(new ArrayList<>(traffic.sends));
            http.expectOk("PUT", receipts, null, usualReceipts);

            String table = table(settings, world, setup, load, traffic, faults, checks);
            System.out.println(table);
            Path report = Path.of("target", "soak-report.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, table);

            assertThat(faults).as("faults injected").isNotEmpty();
            assertThat(traffic.sends).as("sends").isNotEmpty();
            assertThat(traffic.sends)
                    .as("no send refused as bad input (a fault of the soak itself)")
                    .noneMatch(
                            s -> s.outcome() == SoakTraffic.Outcome.REFUSED && s.status() != 409 && s.status() != 429);
            for (Check check : checks.checks) {
                assertThat(check.violations()).as(check.invariant()).isEmpty();
            }
        } finally {
            http.patiently("PUT", receipts, null, usualReceipts, Duration.ofSeconds(30));
        }
    }

    private static String table(
            SoakSettings settings,
            SoakWorld world,
            Duration setup,
            Duration load,
            SoakTraffic traffic,
            List<Fault> faults,
            SoakChecks checks) {
        StringBuilder out = new StringBuilder();
        out.append("## Chaos soak ")
                .append(settings.full() ? "(full)" : "(short)")
                .append(", run ")
                .append(world.run)
                .append("\n\n| Load | |\n|---|---|\n");
        row(out, "duration of load and faults", load.toSeconds() + " s (set-up " + setup.toSeconds() + " s)");
        row(out, "accounts / channels", world.accounts.size() + " / " + world.channels.size());
        row(out, "accounts' midnight (charging across a day boundary)", world.midnight + " (zone " + world.zone + ")");
        new TreeMap<>(traffic.counts).forEach((what, count) -> row(out, what, String.valueOf(count.get())));
        out.append("\n| Fault | Target | Back after |\n|---|---|---|\n");
        for (Fault fault : faults) {
            out.append("| ")
                    .append(fault.kind())
                    .append(" | ")
                    .append(fault.target())
                    .append(" | ")
                    .append(fault.back().toSeconds())
                    .append(" s |\n");
        }
        out.append("\n| Invariant | Checked | Violations |\n|---|---|---|\n");
        for (Check check : checks.checks) {
            out.append("| ")
                    .append(check.invariant())
                    .append(" | ")
                    .append(check.checked())
                    .append(" | ")
                    .append(check.violations().size())
                    .append(
                            check.violations().isEmpty()
                                    ? ""
                                    : ": "
                                            + String.join(
                                                    "; ",
                                                    check.violations()
                                                            .subList(
                                                                    0,
                                                                    Math.min(
                                                                            5,
                                                                            check.violations()
                                                                                    .size()))))
                    .append(" |\n");
        }
        out.append("\n| Figure | |\n|---|---|\n");
        checks.figures.forEach((what, value) -> row(out, what, String.valueOf(value)));
        return out.toString();
    }

    private static void row(StringBuilder out, String what, String value) {
        out.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }
}
