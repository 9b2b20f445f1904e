package io.switchboard.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the local run keeps its things: everything under the repository's git-ignored {@code .switchboard/}. */
record LocalLayout(Path root, Path home) {

    static final String ROOT_PROPERTY = "switchboard.root";
    /** Another home than {@code <root>/.switchboard}, e.g. a system test's own folder under {@code target/}. */
    static final String HOME_PROPERTY = "switchboard.home";

    /**
     * The repository root from {@code -Dswitchboard.root} (set by the launcher), else found from the working directory.
     */
    static LocalLayout locate() {
        String given = System.getProperty(ROOT_PROPERTY);
        Path root = given != null ? Path.of(given) : findRoot(Path.of("").toAbsolutePath());
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deploy/local"))) {
            throw new CliException(root + " is not the Switchboard repository (no pom.xml and deploy/local there)");
        }
        String home = System.getProperty(HOME_PROPERTY);
        return new LocalLayout(
                root, home != null ? Path.of(home).toAbsolutePath().normalize() : root.resolve(".switchboard"));
    }

    private static Path findRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("switchboard")) && Files.isDirectory(dir.resolve("deploy/local"))) {
                return dir;
            }
        }
        throw new CliException(
                "Run this from the Switchboard repository, or pass -D" + ROOT_PROPERTY + "=<repository root>");
    }

    Path keys() {
        return home.resolve("keys");
    }

    Path state() {
        return home.resolve("state");
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path log(String part) {
        return logs().resolve(part + ".log");
    }

    Path kafka() {
        return home.resolve("kafka");
    }

    Path postgres() {
        return home.resolve("postgres");
    }

    /** The packaged Quarkus application of a module. */
    Path quarkusJar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** A path as short as it can be shown: relative to the repository root when inside it. */
    String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
