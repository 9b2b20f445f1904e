package io.switchboard.charts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The charts of {@code deploy/helm}, copied under {@code target/} with their dependencies built there (so that the
 * source tree gets no {@code charts/} folders or lock files), and rendered by Helm itself.
 */
public final class Charts {

    /** The installable charts: one per service, the simulator, and the umbrella that installs them. */
    public static final List<String> SERVICES =
            List.of("channel-service", "message-queue-service", "notification-service", "billing-service");

    public static final String SIMULATOR = "provider-simulator";
    /** The operator console: no database, no Kafka; off in the umbrella unless console.enabled. */
    public static final String CONSOLE = "console";

    public static final String UMBRELLA = "switchboard";
    public static final String LIBRARY = "switchboard-common";

    public static final Path ROOT = Path.of(System.getProperty("switchboard.root", "../.."))
            .toAbsolutePath()
            .normalize();
    public static final Path SOURCE = ROOT.resolve("deploy/helm");
    private static final Path WORK = Path.of("target/charts").toAbsolutePath();

    /** The Kubernetes version the charts are rendered for. */
    private static final String KUBE_VERSION = "1.31.0";

    /** The release name the tests install as, unless a test names another. */
    public static final String RELEASE = "switchboard";

    private static boolean built;
    private static int written;

    private Charts() {}

    public static List<String> installable() {
        return Stream.concat(SERVICES.stream(), Stream.of(SIMULATOR, CONSOLE, UMBRELLA))
                .toList();
    }

    /** The copy of a chart that Helm works on, its dependencies built. */
    public static synchronized Path chart(String name) {
        if (!built) {
            copy(SOURCE, WORK);
            for (String chart : installable()) {
                // The umbrella last: it packages the service charts, which must have their library first.
                new Helm(WORK.resolve(chart))
                        .dependency()
                        .update()
                        .skipRefresh()
                        .call();
            }
            built = true;
        }
        return WORK.resolve(name);
    }

    /** Values given as YAML text, written to a file of their own for {@code --values}. */
    public static synchronized Path valuesFile(String chart, String valuesYaml) {
        try {
            Path file = Path.of("target/values", chart + "-inline-" + (++written) + ".yaml")
                    .toAbsolutePath();
            Files.createDirectories(file.getParent());
            return Files.writeString(file, valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source folder of a chart (for files read as they are committed). */
    public static Path source(String name) {
        return SOURCE.resolve(name);
    }

    /** {@code helm template} of a chart with a values file (none: the chart's defaults) and {@code --set} pairs. */
    public static Rendered template(String chart, Path valuesFile, Map<String, String> set) {
        return template(chart, RELEASE, valuesFile, set);
    }

    /** {@code helm template} of a chart with values written as YAML, in release {@value #RELEASE}. */
    public static Rendered template(String chart, String valuesYaml) {
        return template(chart, RELEASE, valuesYaml);
    }

    /** {@code helm template} of a chart with values written as YAML, in the release named. */
    public static Rendered template(String chart, String release, String valuesYaml) {
        return template(chart, release, valuesFile(chart, valuesYaml), Map.of());
    }

    /** {@code helm template} as a release of that name. */
    public static Rendered template(String chart, String release, Path valuesFile, Map<String, String> set) {
        return templateAt(chart(chart), release, valuesFile, set);
    }

    /**
     * {@code helm template} of a copy of the chart without its values schema, with values the schema would refuse:
     * to render what an older Helm handed the templates (Helm 3.18.0 gave them numbers as {@code json.Number}, a Go
     * string type, which {@code if} and {@code with} take as set even when it is 0).
     */
    public static Rendered templateWithoutSchema(String chart, String valuesYaml) {
        Path copy = WORK.resolveSibling("schemaless").resolve(chart);
        copy(chart(chart), copy, true);
        try {
            Files.deleteIfExists(copy.resolve("values.schema.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return templateAt(copy, RELEASE, valuesFile(chart, valuesYaml), Map.of());
    }

    private static Rendered templateAt(Path chart, String release, Path valuesFile, Map<String, String> set) {
        TemplateCommand template = new Helm(chart).template().withName(release).withNamespace("messaging");
        try {
            template = template.withKubeVersion(KUBE_VERSION);
        } catch (NoSuchMethodError olderHelmJava) {
            // helm-java before 0.0.19 (the older Helm runs) renders for its Kubernetes client's version
        }
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, String> pair : set.entrySet()) {
            template = template.set(pair.getKey(), pair.getValue());
        }
        return Rendered.parse(template.call());
    }

    /** What {@code helm install --dry-run} prints after the manifests: the chart's rendered NOTES.txt. */
    public static String notes(String chart, Path valuesFile) {
        return notes(chart, RELEASE, valuesFile);
    }

    /** The NOTES of an install as a release of that name. */
    public static String notes(String chart, String release, Path valuesFile) {
        InstallCommand install = new Helm(chart(chart))
                .install()
                .withName(release)
                .withNamespace("messaging")
                .clientOnly()
                .dryRun();
        try {
            install = install.withKubeVersion(KUBE_VERSION);
        } catch (NoSuchMethodError olderHelmJava) {
            // as in template()
        }
        if (valuesFile != null) {
            install = install.withValuesFile(valuesFile);
        }
        String output = install.call().getOutput();
        int notes = output.indexOf("NOTES:");
        return notes < 0 ? "" : output.substring(notes);
    }

    /**
     * {@code helm lint --strict} of a chart with a value set: {@code helm lint} reads only the chart's values.yaml, so
     * a copy of the chart gets the defaults with the set merged in.
     */
    public static LintResult lint(String chart, String set) {
        Path built = chart(chart);
        if (ValueSets.DEFAULTS.equals(set)) {
            return new Helm(built).lint().strict().call();
        }
        Path copy = WORK.resolveSibling("lint").resolve(chart + "-" + set);
        copy(built, copy, true);
        try {
            ObjectNode defaults = (ObjectNode)
                    ValueSets.YAML.readTree(built.resolve("values.yaml").toFile());
            ValueSets.write(ValueSets.merge(defaults, ValueSets.forChart(chart, set)), copy.resolve("values.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    private static void copy(Path from, Path to) {
        copy(from, to, false);
    }

    private static void copy(Path from, Path to, boolean withDependencies) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (!withDependencies
                        && (relative.toString().contains("/charts/") || relative.endsWith("Chart.lock"))) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
