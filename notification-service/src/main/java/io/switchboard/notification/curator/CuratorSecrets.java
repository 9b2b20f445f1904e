package io.switchboard.notification.curator;

import io.switchboard.platform.secrets.SealedColumns;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** A curator's webhook secrets kept sealed: the current one and the one it replaced. */
final class CuratorSecrets {

    private CuratorSecrets() {}

    @Produces
    @Singleton
    static SealedColumns curatorSecrets() {
        return new SealedColumns("curator", "id", List.of("webhook_secret", "previous_webhook_secret"));
    }
}
