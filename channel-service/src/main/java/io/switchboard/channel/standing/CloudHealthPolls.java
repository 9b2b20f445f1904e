package io.switchboard.channel.standing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.platform.failure.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks the Cloud API for each number's health status, quality and messaging limit every {@code poll-every}: Meta sends
 * no webhook when a number becomes BLOCKED or LIMITED. Each number has one CLOUD_HEALTH timer that sets itself again
 * after its answer, so the numbers are asked once per period whatever the replicas; a scan gives a timer to the
 * numbers that have none yet (new, or verified again). The call is made with no lock held; its answer is applied as
 * {@link CloudStandings#applyHealth} says.
 */
@ApplicationScoped
class CloudHealthPolls implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(CloudHealthPolls.class);
    private static final int SCAN_LIMIT = 200;

    private final CloudStandingSettings settings;
    private final Channels channels;
    private final ChannelTimers timers;
    private final CloudNumberApi cloud;
    private final CloudStandings standings;
    private final MeterRegistry meters;

    CloudHealthPolls(
            CloudStandingSettings settings,
            Channels channels,
            ChannelTimers timers,
            @RestClient CloudNumberApi cloud,
            CloudStandings standings,
            MeterRegistry meters) {
        this.settings = settings;
        this.channels = channels;
        this.timers = timers;
        this.cloud = cloud;
        this.standings = standings;
        this.meters = meters;
    }

    @Scheduled(
            every = "${switchboard.cloud-api.health.scan-every:1m}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        if (!settings.enabled()) {
            return;
        }
        try {
            List<String> unpolled = QuarkusTransaction.requiringNew()
                    .call(() -> channels.cloudWithoutTimer(TimerKind.CLOUD_HEALTH.name(), SCAN_LIMIT));
            for (String channelId : unpolled) {
                QuarkusTransaction.requiringNew().run(() -> seed(channelId));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cloud health scan failed, tried again in %s: %s", settings.scanEvery(), Failures.rootMessage(e));
        }
    }

    private void seed(String channelId) {
        Optional<Channel> locked = channels.lockedIfFree(channelId);
        if (locked.isEmpty() || !polled(locked.get())) {
            return;
        }
        timers.load(List.of(channelId));
        if (timers.find(channelId, TimerKind.CLOUD_HEALTH).isEmpty()) {
            timers.schedule(channelId, TimerKind.CLOUD_HEALTH, Instant.now(), 0);
        }
    }

    /** A live Cloud API number that is registered (or was, and Meta then blocked or banned it). */
    static boolean polled(Channel channel) {
        return !channel.deleted
                && channel.kind == ChannelKind.CLOUD_API
                && channel.connectionStatus != ChannelStatus.VERIFICATION_REQUIRED;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.CLOUD_HEALTH);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (!polled(channel) || !settings.enabled()) {
            return Optional.empty(); // done: a scan seeds it again once it is polled
        }
        String number = channel.cloudPhoneNumberId;
        return Optional.of(ProviderCall.reading("health_status", () -> cloud.standing(number)));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        timers.schedule(channel.id, TimerKind.CLOUD_HEALTH, Instant.now().plus(settings.pollEvery()), 0);
        if (!answer.done()) {
            meters.counter("switchboard.cloud.health.polls", "outcome", "refused")
                    .increment();
            LOG.warnf("Channel %s: the Cloud API did not tell the number's health: %s", channel.id, answer.detail());
            return;
        }
        meters.counter("switchboard.cloud.health.polls", "outcome", "answered").increment();
        if (polled(channel)) {
            standings.applyHealth(channel, (CloudNumberApi.NumberStanding) answer.value());
        }
    }
}
