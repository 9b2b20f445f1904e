package io.switchboard.simulator.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.SimulatorSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Posts webhooks, one ordered queue per channel: a channel's next webhook waits until the previous one was delivered
 * or given up, because receivers apply status changes in arrival order. Delivery is asynchronous, so a slow or dead
 * receiver holds up only its own channel.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final ObjectMapper objectMapper;
    private final SimulatorSettings.Webhook settings;
    private final HttpClient http;
    private final ScheduledExecutorService retries;
    private final ConcurrentMap<String, ChannelQueue> queues = new ConcurrentHashMap<>();
    /** Channels that post nothing (a "zombie" session): their webhooks are dropped when queued. */
    private final Set<String> silenced = ConcurrentHashMap.newKeySet();

    public WebhookDispatcher(ObjectMapper objectMapper, SimulatorSettings settings) {
        this.objectMapper = objectMapper;
        this.settings = settings.webhook();
        // HTTP/1.1, as providers post webhooks: over one multiplexed HTTP/2 connection, a single connection error
        // (a GOAWAY under load) failed every channel's webhook in flight at once.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.settings.timeout())
                .build();
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues a webhook behind the channel's earlier ones. The body is serialised now, so it reflects the state at the
     * moment of the event, not of the delivery.
     */
    public void enqueue(String channelId, WebhookTarget target, Object body) {
        if (target == null) {
            LOG.debugf("Channel %s has no webhook; dropping %s", channelId, body);
            return;
        }
        if (silenced.contains(channelId)) {
            LOG.debugf("Channel %s is silent; dropping %s", channelId, body);
            return;
        }
        String json;
        try {
            json = objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        enqueueJson(channelId, target, json);
    }

    /** Queues a body already written (one whose bytes a header signs) behind the channel's earlier webhooks. */
    public void enqueueJson(String channelId, WebhookTarget target, String json) {
        queues.computeIfAbsent(channelId, ChannelQueue::new).add(new Delivery(target, json));
    }

    /** From now on, the channel's webhooks are dropped (true) or posted again (false). */
    public void silence(String channelId, boolean silent) {
        if (silent) {
            silenced.add(channelId);
        } else {
            silenced.remove(channelId);
        }
    }

    /** Drops every queued webhook; deliveries already in flight finish but nothing follows them. */
    public void clear() {
        silenced.clear();
        queues.values().forEach(ChannelQueue::close);
        queues.clear();
    }

    @PreDestroy
    void stop() {
        clear();
        retries.shutdownNow();
    }

    private record Delivery(WebhookTarget target, String body) {}

    private final class ChannelQueue {

        private final String channelId;
        private final Deque<Delivery> pending = new ArrayDeque<>();
        private boolean busy;
        private boolean closed;

        ChannelQueue(String channelId) {
            this.channelId = channelId;
        }

        void add(Delivery delivery) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                pending.add(delivery);
                if (busy) {
                    return;
                }
                busy = true;
            }
            deliverHead();
        }

        synchronized void close() {
            closed = true;
            pending.clear();
        }

        private void deliverHead() {
            Delivery head;
            synchronized (this) {
                head = closed ? null : pending.peek();
                if (head == null) {
                    busy = false;
                    return;
                }
            }
            attempt(head, 1);
        }

        private void attempt(Delivery delivery, int attempt) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            delivery.target().url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
            delivery.target().headers().forEach(request::header);
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error == null && response.statusCode() / 100 == 2) {
                            LOG.debugf(
                                    "Webhook of %s delivered to %s",
                                    channelId, delivery.target().url());
                            next();
                            return;
                        }
                        String failure = error == null ? "HTTP " + response.statusCode() : describe(error);
                        if (attempt >= settings.maxAttempts()) {
                            LOG.warnf(
                                    "Dropping webhook of %s to %s after %d attempts (%s): %s",
                                    channelId, delivery.target().url(), attempt, failure, delivery.body());
                            next();
                            return;
                        }
                        Duration backoff = settings.initialBackoff().multipliedBy(1L << (attempt - 1));
                        LOG.infof(
                                "Webhook of %s to %s failed (%s), attempt %d of %d; retrying in %d ms",
                                channelId,
                                delivery.target().url(),
                                failure,
                                attempt,
                                settings.maxAttempts(),
                                backoff.toMillis());
                        try {
                            retries.schedule(
                                    () -> attempt(delivery, attempt + 1), backoff.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (RejectedExecutionException shuttingDown) {
                            close();
                        }
                    });
        }

        private static String describe(Throwable error) {
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return cause.getMessage() == null
                    ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }

        private void next() {
            synchronized (this) {
                pending.poll();
            }
            deliverHead();
        }
    }
}
