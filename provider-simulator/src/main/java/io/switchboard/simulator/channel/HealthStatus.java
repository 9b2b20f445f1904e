package io.switchboard.simulator.channel;

import java.util.Arrays;
import java.util.Optional;

/** The provider's channel statuses and their codes in {@code health.status}. */
public enum HealthStatus {
    INIT(1),
    LAUNCH(2),
    QR(3),
    AUTH(4),
    ERROR(5),
    STOP(6),
    SYNC_ERROR(7);

    private final int code;

    HealthStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * Whether the provider accepts messages: in SYNC_ERROR only reads fail, sending still works
     * (docs/product/provider-webhooks.md).
     */
    public boolean canSend() {
        return this == AUTH || this == SYNC_ERROR;
    }

    public static Optional<HealthStatus> parse(String text) {
        return Arrays.stream(values())
                .filter(status -> status.name().equalsIgnoreCase(text == null ? "" : text.trim()))
                .findFirst();
    }
}
