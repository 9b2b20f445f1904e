package io.switchboard.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.platform.kafka.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs every {@link EventConsumer} bean of the service: {@code concurrency} Kafka consumers each, in the service's
 * group, each on a thread of its own. The one rule for failures lives here (see {@link EventConsumer}).
 */
@ApplicationScoped
public class ConsumerRuntime {

    private static final Logger LOG = Logger.getLogger(ConsumerRuntime.class);

    private final Instance<EventConsumer<?>> consumers;
    private final Map<String, Object> kafka;
    private final String application;
    private final Inbox inbox;
    private final EventJson json;
    private final DeadLetters deadLetters;
    private final ConsumerSettings settings;
    private final MeterRegistry meters;
    private final List<ConsumerLoop<?>> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public ConsumerRuntime(
            @Any Instance<EventConsumer<?>> consumers,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application,
            Inbox inbox,
            EventJson json,
            DeadLetters deadLetters,
            ConsumerSettings settings,
            MeterRegistry meters) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.application = application;
        this.inbox = inbox;
        this.json = json;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.meters = meters;
    }

    synchronized void start(@Observes StartupEvent event) {
        for (EventConsumer<?> consumer : consumers) {
            start(consumer);
        }
    }

    private <T> void start(EventConsumer<T> consumer) {
        Subscription<T> subscription = consumer.subscription();
        int concurrency = settings.concurrencyOf(subscription.name());
        int timeout = (int) Math.max(1, settings.attemptTimeout().toSeconds());
        BatchApplier<T> applier =
                events -> QuarkusTransaction.requiringNew().timeout(timeout).call(() -> inbox.apply(consumer, events));
        registerGauges(subscription);
        for (int n = 0; n < concurrency; n++) {
            Supplier<Consumer<String, String>> client =
                    client(subscription, application + "-" + subscription.name() + "-" + n);
            ConsumerLoop<T> loop =
                    new ConsumerLoop<>(subscription, client, applier, json, deadLetters, settings, meters);
            Thread thread = new Thread(loop, "consumer-" + subscription.name() + "-" + n);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
        LOG.infof(
                "Consumer %s reads %s with %d thread(s) in group %s",
                subscription.name(), subscription.topic(), concurrency, settings.groupId());
    }

    private Supplier<Consumer<String, String>> client(Subscription<?> subscription, String clientId) {
        Map<String, Object> config = KafkaClients.config(
                kafka,
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        settings.groupId(),
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        clientId,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        settings.maxPollRecordsOf(subscription.name())));
        return () -> new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Per consumer: how many of its partitions are failing now, and how many of them for longer than
     * {@code stalled-after} (the events behind them wait). Summed over the consumer's threads.
     */
    private void registerGauges(Subscription<?> subscription) {
        String name = subscription.name();
        Gauge.builder("switchboard.consumer.failing.partitions", this, runtime -> runtime.failing(name, Duration.ZERO))
                .description("Partitions whose next record is failing and being retried")
                .tags("consumer", name, "topic", subscription.topic())
                .register(meters);
        Gauge.builder(
                        "switchboard.consumer.stalled.partitions",
                        this,
                        runtime -> runtime.failing(name, settings.stalledAfter()))
                .description("Partitions failing for longer than switchboard.consumers.stalled-after")
                .tags("consumer", name, "topic", subscription.topic())
                .register(meters);
    }

    private double failing(String name, Duration longerThan) {
        Instant before = Instant.now().minus(longerThan);
        return loops().stream()
                .filter(loop -> loop.name().equals(name))
                .mapToLong(loop -> loop.failing().values().stream()
                        .filter(f -> !f.since().isAfter(before))
                        .count())
                .sum();
    }

    /** Lets each consumer finish its batch and commit before the database and Kafka clients go away. */
    synchronized void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loops.forEach(ConsumerLoop::stop);
        for (Thread thread : threads) {
            thread.join(settings.attemptTimeout().toMillis() + 5_000);
        }
        loops.clear();
        threads.clear();
    }

    /** Every consumer thread of the service. */
    synchronized List<ConsumerLoop<?>> loops() {
        return List.copyOf(loops);
    }
}
