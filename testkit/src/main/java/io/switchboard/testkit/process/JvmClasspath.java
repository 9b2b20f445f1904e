package io.switchboard.testkit.process;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of the running JVM as a list a child JVM can use. Surefire may run tests from a temporary
 * manifest-only jar that is deleted when the tests end; its Class-Path entries are listed instead, so a broker
 * started from a test keeps working.
 */
public final class JvmClasspath {

    private JvmClasspath() {}

    public static String current() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath(), entries);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void add(Path entry, Set<String> entries) {
        if (isManifestOnlyJar(entry)) {
            expand(entry, entries);
        } else {
            entries.add(entry.toString());
        }
    }

    private static boolean isManifestOnlyJar(Path entry) {
        String name = entry.getFileName().toString();
        return name.startsWith("surefirebooter") && name.endsWith(".jar") && Files.isRegularFile(entry);
    }

    private static void expand(Path jar, Set<String> entries) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                entries.add(jar.toString());
                return;
            }
            URI base = jar.getParent().toUri();
            for (String ref : classPath.trim().split("\\s+")) {
                entries.add(Path.of(base.resolve(ref)).toString());
            }
        } catch (IOException e) {
            entries.add(jar.toString());
        }
    }
}
