package io.switchboard.channel.registry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.channel.billing.AccountBillings;
import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Creates channels (docs/product/channel-rules.md, rule 1: one number, one channel, platform-wide) and opens the
 * provider sessions of WhatsApp Web channels; a Cloud API channel starts VERIFICATION_REQUIRED.
 */
@ApplicationScoped
class ChannelCreation {

    private static final Logger LOG = Logger.getLogger(ChannelCreation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Channels channels;
    private final ChannelChanges changes;
    private final ProviderSessions sessions;
    private final AccountBillings billings;

    public ChannelCreation(
            Channels channels, ChannelChanges changes, ProviderSessions sessions, AccountBillings billings) {
        this.channels = channels;
        this.changes = changes;
        this.sessions = sessions;
        this.billings = billings;
    }

    public Channel create(String accountId, CreateChannelRequest request) {
        String phone = PhoneNumbers.e164("phone", request.phone());
        request.checkCloudPhoneNumberId();
        Channel channel;
        try {
            channel = QuarkusTransaction.requiringNew().call(() -> insert(accountId, phone, request));
        } catch (PersistenceException e) {
            // Another request took the number between our check and our insert.
            throw QuarkusTransaction.requiringNew()
                    .call(() -> taken(accountId, phone, request))
                    .orElseThrow(() -> e);
        }
        if (channel.kind == ChannelKind.WEB_SESSION) {
            openSession(channel.id);
        }
        return QuarkusTransaction.requiringNew().call(() -> channels.findById(channel.id));
    }

    private Channel insert(String accountId, String phone, CreateChannelRequest request) {
        taken(accountId, phone, request).ifPresent(refused -> {
            throw refused;
        });
        Channel channel = new Channel();
        channel.id = UUID.randomUUID().toString();
        channel.accountId = accountId;
        channel.phone = phone;
        channel.name = request.name().trim();
        channel.kind = request.kindOrDefault();
        channel.enabled = true;
        channel.paid = billings.isPaid(accountId);
        if (channel.kind == ChannelKind.CLOUD_API) {
            // An official number is connected by verifying it with a code; the platform keeps its registration PIN.
            channel.cloudPhoneNumberId = request.cloudPhoneNumberId();
            channel.cloudBusinessAccountId = request.cloudBusinessAccountId();
            channel.registrationPin = String.format("%06d", RANDOM.nextInt(1_000_000));
            channel.connectionStatus = ChannelStatus.VERIFICATION_REQUIRED;
        } else {
            channel.connectionStatus = ChannelStatus.STARTING;
        }
        channel.webhookSecret = HexFormat.of().formatHex(RANDOM.generateSeed(24));
        channel.createdAt = Instant.now();
        channel.updatedAt = channel.createdAt;
        channels.persist(channel);
        changes.created(channel);
        channels.flush();
        return channel;
    }

    private void openSession(String channelId) {
        Channel channel = QuarkusTransaction.requiringNew().call(() -> channels.findById(channelId));
        try {
            String providerChannelId = sessions.open(channel);
            QuarkusTransaction.requiringNew()
                    .run(() -> channels.lockedById(channelId).ifPresent(locked -> {
                        if (locked.providerChannelId == null) {
                            locked.providerChannelId = providerChannelId;
                        }
                    }));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not open a provider session for channel %s", channelId);
            QuarkusTransaction.requiringNew()
                    .run(() -> channels.lockedById(channelId).ifPresent(locked -> {
                        changes.moveConnection(
                                locked,
                                ChannelStatus.ERROR,
                                StatusCause.WATCHDOG,
                                "the provider session could not be opened: " + why(e));
                    }));
        }
    }

    /** What went wrong, in words a tenant may read (the exception, with its internals, goes to the log). */
    private static String why(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse() != null) {
            return "the provider answered HTTP " + web.getResponse().getStatus();
        }
        return Failures.isPassing(e) ? "the provider could not be reached" : "the provider's answer could not be used";
    }

    /** The 409 for a number (or Cloud API number id) a live channel has already, if one has. */
    private Optional<ProblemException> taken(String accountId, String phone, CreateChannelRequest request) {
        Optional<ProblemException> phoneTaken =
                channels.byPhone(phone).map(existing -> numberTaken(accountId, existing));
        if (phoneTaken.isPresent() || request.cloudPhoneNumberId() == null) {
            return phoneTaken;
        }
        return channels.byCloudPhoneNumberId(request.cloudPhoneNumberId())
                .map(existing -> new ProblemException(Problem.of(
                        409,
                        "cloud-number-taken",
                        "Cloud API number already has a channel",
                        "This Cloud API phone number id is in a channel already; a number is in one channel only")));
    }

    /**
     * 409 for a number that is in a channel already. The caller's own channel is named, so the client reconnects it
     * there (docs/product/channel-rules.md, rule 6); another account's is not: its id is half of that channel's webhook
     * address, and who has which number is that account's business.
     */
    static ProblemException numberTaken(String callerAccountId, Channel existing) {
        Problem problem = Problem.of(
                409,
                "phone-taken",
                "Number already has a channel",
                "This number is already in a channel; a number is in one channel only");
        if (existing.accountId.equals(callerAccountId)) {
            problem = Problem.of(
                            409,
                            "phone-taken",
                            "Number already has a channel",
                            "This number is already in channel " + existing.id
                                    + "; a number is in one channel only: reconnect that channel instead")
                    .with("existingChannelId", existing.id);
        }
        return new ProblemException(problem);
    }
}
