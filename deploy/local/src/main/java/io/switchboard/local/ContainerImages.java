package io.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images {@code up --containers} runs, named as {@code deploy/images/build.sh} tags them: the services' from the
 * root pom's {@code switchboard.image.*} properties and version (what the Helm charts pull), Kafka's and PostgreSQL's
 * fixed; each overridable by the same environment variables as the script.
 */
record ContainerImages(String registry, String group, String tag, String kafka, String postgres) {

    static ContainerImages of(Path root, Map<String, String> env) {
        String pom;
        try {
            pom = Files.readString(root.resolve("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ContainerImages(
                setting(env, "SWITCHBOARD_IMAGE_REGISTRY").orElseGet(() -> element(pom, "switchboard.image.registry")),
                setting(env, "SWITCHBOARD_IMAGE_GROUP").orElseGet(() -> element(pom, "switchboard.image.group")),
                setting(env, "SWITCHBOARD_IMAGE_TAG").orElseGet(() -> element(pom, "version")),
                setting(env, "SWITCHBOARD_KAFKA_IMAGE").orElse("switchboard/kafka:4.1.1"),
                setting(env, "SWITCHBOARD_POSTGRES_IMAGE").orElse("switchboard/postgres:15"));
    }

    String service(String name) {
        return registry + "/" + group + "/" + name + ":" + tag;
    }

    /** The first element of that name in the pom: the project's own version comes before any dependency's. */
    private static String element(String pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
                .matcher(pom);
        if (!matcher.find()) {
            throw new CliException("The root pom.xml has no <" + name + ">");
        }
        return matcher.group(1).trim();
    }

    private static Optional<String> setting(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
