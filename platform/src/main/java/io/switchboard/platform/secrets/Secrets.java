package io.switchboard.platform.secrets;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The service's {@link SecretBox}, and the check that a production start has real secrets: keys to seal with where
 * secrets are kept, none of the published development keys, and a database password (production has no defaults: the
 * local run and the tests give theirs). A start that breaks one fails with a message that says what to set.
 */
@ApplicationScoped
public class Secrets {

    /** The keys the test and development profiles seal with: public, so never good enough for production. */
    static final Set<String> PUBLISHED_KEYS = Set.of(
            "o4ZrlP0urxkCXXtA1UkHYKf6rfjAiT7Y6fhQrjeH/Hc=",
            "GD6DddSIlz8tGXA/6jvGCabywqObwv4QnJMgdzzs9yI=",
            "HwQqNbHGoEPrZN32CtVBUa1M+GhY3b0pY2Dj3nb/K58=");

    @Produces
    @Singleton
    SecretBox box(SecretSettings settings) {
        return SecretBox.of(settings.keys().orElse(null));
    }

    void check(
            @Observes StartupEvent event,
            SecretSettings settings,
            SecretBox box,
            Config config,
            @Any Instance<SealedColumns> sealed) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(settings, box, config, sealed.stream().toList());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "This service will not start in production with these secrets: " + String.join("; ", problems));
        }
    }

    static List<String> problems(SecretSettings settings, SecretBox box, Config config, List<SealedColumns> sealed) {
        List<String> problems = new ArrayList<>();
        if (!sealed.isEmpty() && !box.hasKeys()) {
            problems.add("switchboard.secrets.keys (SWITCHBOARD_SECRETS_KEYS) is not set; it keeps the secrets of "
                    + sealed.stream().map(SealedColumns::table).toList() + " sealed: set it to k1:<base64 of 32 random"
                    + " bytes> (openssl rand -base64 32), from a Kubernetes Secret");
        }
        for (String setting : settings.keys().orElse("").split(",")) {
            if (PUBLISHED_KEYS.stream().anyMatch(setting::contains)) {
                problems.add("switchboard.secrets.keys holds a published development key; generate your own");
            }
        }
        if (config.getOptionalValue("quarkus.datasource.password", String.class)
                .filter(p -> !p.isBlank())
                .isEmpty()) {
            problems.add("quarkus.datasource.password (QUARKUS_DATASOURCE_PASSWORD) is not set");
        }
        return problems;
    }
}
