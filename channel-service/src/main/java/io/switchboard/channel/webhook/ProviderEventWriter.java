package io.switchboard.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.contract.ContractSchemas;
import io.switchboard.platform.kafka.EventProducer;
import io.switchboard.platform.outbox.OutboxSettings;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;

/**
 * Writes a normalised webhook to {@code provider.events.v1}, keyed by its channel, and waits until Kafka has it: a
 * webhook is answered 200 only once nothing of it can be lost.
 */
@ApplicationScoped
class ProviderEventWriter {

    private static final Logger LOG = Logger.getLogger(ProviderEventWriter.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper objectMapper;
    private final EventProducer producer;
    private final OutboxSettings outboxSettings;

    ProviderEventWriter(ObjectMapper objectMapper, EventProducer producer, OutboxSettings outboxSettings) {
        this.objectMapper = objectMapper;
        this.producer = producer;
        this.outboxSettings = outboxSettings;
    }

    /** What of the event the contract of the topic (and so its consumers' databases) would not take; empty if none. */
    List<String> violations(ProviderEvent event) {
        return ContractSchemas.violations(ProviderEvent.class, json(event));
    }

    /** Written and acknowledged by Kafka, or a problem: 413 for a record too large, else 503 (deliver it again). */
    void write(ProviderEvent event) {
        try {
            producer.send(EventProducer.cloudEvent(
                            Topics.PROVIDER_EVENTS,
                            event.channelId(),
                            event.eventId(),
                            Streams.PROVIDER_EVENTS.type(),
                            outboxSettings.source(),
                            event.channelId(),
                            event.receivedAt(),
                            json(event)))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                throw new ProblemException(Problem.of(
                        413,
                        "webhook-too-large",
                        "Webhook too large",
                        "The webhook body is larger than the event topic takes"));
            }
            LOG.warnf("Webhook of channel %s not written to %s: %s", event.channelId(), Topics.PROVIDER_EVENTS, e);
            throw unavailable();
        }
    }

    private String json(ProviderEvent event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 503: the provider retries the webhook later. */
    private static ProblemException unavailable() {
        return new ProblemException(Problem.of(
                        503,
                        "webhook-not-written",
                        "Webhook not accepted now",
                        "The event could not be written; deliver the webhook again")
                .retryAfter(5));
    }
}
