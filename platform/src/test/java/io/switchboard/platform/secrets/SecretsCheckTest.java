package io.switchboard.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a production start refuses: no key where secrets are kept, a published key, no database password. */
@Tag("fast")
class SecretsCheckTest {

    private static final List<SealedColumns> SEALED =
            List.of(new SealedColumns("channel", "id", List.of("webhook_secret")));

    @Test
    void aServiceThatKeepsSecretsNeedsAKeyOfItsOwnAndADatabasePassword() {
        assertThat(problems(null, Map.of("quarkus.datasource.password", "pw"), SEALED))
                .singleElement()
                .asString()
                .contains("switchboard.secrets.keys")
                .contains("openssl rand -base64 32");
        String published = "test:" + Secrets.PUBLISHED_KEYS.iterator().next();
        assertThat(problems(published, Map.of("quarkus.datasource.password", "pw"), SEALED))
                .singleElement()
                .asString()
                .contains("published development key");
        assertThat(problems(SecretBox.newKey("k1"), Map.of(), SEALED))
                .singleElement()
                .asString()
                .contains("quarkus.datasource.password");
        assertThat(problems(SecretBox.newKey("k1"), Map.of("quarkus.datasource.password", "pw"), SEALED))
                .isEmpty();
    }

    @Test
    void aServiceThatKeepsNoSecretsNeedsNoKey() {
        assertThat(problems(null, Map.of("quarkus.datasource.password", "pw"), List.of()))
                .isEmpty();
    }

    private static List<String> problems(String keys, Map<String, String> config, List<SealedColumns> sealed) {
        SmallRyeConfig built =
                new SmallRyeConfigBuilder().withDefaultValues(config).build();
        SecretSettings settings = () -> Optional.ofNullable(keys);
        return Secrets.problems(settings, SecretBox.of(keys), built, sealed);
    }
}
