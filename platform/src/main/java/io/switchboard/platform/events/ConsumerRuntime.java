package io.switchboard.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    public ConsumerRuntime(@Any Instance<EventConsumer<?>> consumers,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application, Inbox inbox, EventJson json,
            DeadLetters deadLetters, ConsumerSettings settings, MeterRegistry meters) {
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
        for (int n = 0; n < concurrency; n++) {
            String clientId = application + "-" + subscription.name() + "-" + n;
            ConsumerLoop<T> loop = new ConsumerLoop<>(consumer, kafka, clientId, inbox, json, deadLetters, settings, meters);
            Thread thread = new Thread(loop, "consumer-" + subscription.name() + "-" + n);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
        LOG.infof("Consumer %s reads %s with %d thread(s) in group %s", subscription.name(), subscription.topic(),
                concurrency, settings.groupId());
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
