package io.switchboard.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the simulator; each can be overridden by an environment variable such as {@code SIMULATOR_API_KEY}. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorSettings {

    /** The bearer key the provider API accepts. */
    @WithDefault("local-provider-key")
    String apiKey();

    /** Gap between the health steps of a session start (INIT, LAUNCH, then QR or AUTH). */
    @WithDefault("300ms")
    Duration bootStepDelay();

    /** How long a phone that came back online takes to reconnect: the gap between its "online" event and AUTH. */
    @WithDefault("2s")
    Duration phoneReconnectDelay();

    /** How long a new QR code is valid: its {@code expire} in the {@code channels.patch} webhook is now plus this. */
    @WithDefault("60s")
    Duration qrTtl();

    /** Gap between INIT, LAUNCH and AUTH within one reconnect cycle of a scripted flap. */
    @WithDefault("100ms")
    Duration flapStepDelay();

    /** Reported as {@code health.version} in the health webhooks. */
    @WithDefault("sim-1.0")
    String version();

    Webhook webhook();

    Receipts receipts();

    Meta meta();

    /**
     * Meta's webhooks of the Cloud API numbers ({@code phone_number_quality_update}, {@code account_update}): posted to
     * the one callback URL of the Meta app, signed with its secret ({@code X-Hub-Signature-256}). Without a URL none
     * is posted.
     */
    interface Meta {

        /** The app's callback URL, e.g. {@code http://localhost:8081/v1/provider/meta/webhooks}. */
        java.util.Optional<java.net.URI> webhookUrl();

        /** The app's secret that signs every webhook body. */
        @WithDefault("local-meta-app-secret")
        String appSecret();
    }

    /** The {@code statuses} webhooks that follow a delivered message, unless a number is scripted otherwise. */
    interface Receipts {

        /** Receipts at all; off, a send is followed by nothing (benchmarks of the send path alone). */
        @WithDefault("true")
        boolean enabled();

        /** The server's "sent" this long after the send; empty: never. */
        @WithDefault("50ms")
        java.util.Optional<Duration> sentAfter();

        /** "delivered" this long after the send; empty: never. */
        @WithDefault("100ms")
        java.util.Optional<Duration> deliveredAfter();

        /** "read" this long after the send; empty: never. */
        java.util.Optional<Duration> readAfter();
    }

    interface Webhook {

        /**
         * Attempts per webhook before it is dropped: 10 with the default back-off spread over about 100 s, as a real
         * provider keeps trying while a receiver works off a burst (10,000 phones coming back at once).
         */
        @WithDefault("10")
        int maxAttempts();

        /** Wait before the first retry; it doubles on each further retry. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Connect and response timeout of one attempt. */
        @WithDefault("5s")
        Duration timeout();
    }
}
