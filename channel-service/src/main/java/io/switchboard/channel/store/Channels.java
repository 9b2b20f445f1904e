package io.switchboard.channel.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class Channels implements PanacheRepositoryBase<Channel, String> {

    /** The account's channel, or 404: another account's channel does not exist for the caller. */
    public Channel ofAccount(String accountId, String channelId) {
        return find("id = ?1 and accountId = ?2", channelId, accountId)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Channel", channelId));
    }

    /**
     * A page of the account's channels, newest first. Without a status: every channel but the deleted ones. The
     * effective status is derived, so the filter spells out its precedence.
     */
    public Rows page(String accountId, io.switchboard.contracts.channel.ChannelStatus status, int page, int size) {
        io.quarkus.hibernate.orm.panache.PanacheQuery<Channel> query;
        String order = " order by createdAt desc, id";
        if (status == null) {
            query = find("accountId = ?1 and deleted = false" + order, accountId);
        } else {
            query = switch (status) {
                case DELETED -> find("accountId = ?1 and deleted = true" + order, accountId);
                case DISABLED -> find("accountId = ?1 and deleted = false and enabled = false" + order, accountId);
                case NOT_PAID ->
                    find("accountId = ?1 and deleted = false and enabled = true and paid = false" + order, accountId);
                default ->
                    find(
                            "accountId = ?1 and deleted = false and enabled = true and paid = true"
                                    + " and connectionStatus = ?2" + order,
                            accountId,
                            status);
            };
        }
        return new Rows(query.page(page, size).list(), query.count());
    }

    /** A page of channels and how many there are in all. */
    public record Rows(List<Channel> items, long total) {}

    /** The live (not deleted) channel of a number: a number is in at most one of them. */
    public Optional<Channel> byPhone(String phone) {
        return find("phone = ?1 and deleted = false", phone).firstResultOptional();
    }

    /** The live channel of a Cloud API phone number id, if one has it. */
    public Optional<Channel> byCloudPhoneNumberId(String cloudPhoneNumberId) {
        return find("cloudPhoneNumberId = ?1 and deleted = false", cloudPhoneNumberId)
                .firstResultOptional();
    }

    /** The live Cloud API channel of a number (E.164), if there is one. */
    public List<Channel> cloudByPhone(String phone) {
        return list("phone = ?1 and kind = ?2 and deleted = false", phone, ChannelKind.CLOUD_API);
    }

    /** Live, registered Cloud API channels that have no timer of this kind (at most {@code limit}). */
    @SuppressWarnings("unchecked")
    public List<String> cloudWithoutTimer(String timerKind, int limit) {
        return getEntityManager()
                .createNativeQuery("SELECT c.id FROM channel c WHERE c.kind = 'CLOUD_API' AND NOT c.deleted"
                        + " AND c.connection_status <> 'VERIFICATION_REQUIRED' AND NOT EXISTS (SELECT 1 FROM"
                        + " channel_timer t WHERE t.channel_id = c.id AND t.kind = :kind) ORDER BY c.id LIMIT :limit")
                .setParameter("kind", timerKind)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** The live Cloud API channels of a WhatsApp Business Account. */
    public List<Channel> cloudByBusinessAccount(String businessAccountId) {
        return list(
                "cloudBusinessAccountId = ?1 and kind = ?2 and deleted = false",
                businessAccountId,
                ChannelKind.CLOUD_API);
    }

    /** The account's channel, locked, or 404. */
    public Channel lockedOfAccount(String accountId, String channelId) {
        // Locked as it is read: a row read first and locked after could be stale, and its update would undo another's.
        Channel channel = findById(channelId, LockModeType.PESSIMISTIC_WRITE);
        if (channel == null || !channel.accountId.equals(accountId)) {
            throw ProblemException.notFound("Channel", channelId);
        }
        return channel;
    }

    /** Live channels of an account, each locked: billing changes apply to all of them at once. */
    public List<Channel> lockedOfAccount(String accountId) {
        return find("accountId = ?1 and deleted = false order by id", accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** The channel, locked for the rest of the transaction: changes to one channel are applied one at a time. */
    public Optional<Channel> lockedById(String channelId) {
        return Optional.ofNullable(findById(channelId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The channel, locked, unless another transaction holds its lock now (then empty, without waiting). */
    public Optional<Channel> lockedIfFree(String channelId) {
        boolean free = !getEntityManager()
                .createNativeQuery("SELECT id FROM channel WHERE id = :id FOR UPDATE SKIP LOCKED")
                .setParameter("id", channelId)
                .getResultList()
                .isEmpty();
        return free ? lockedById(channelId) : Optional.empty();
    }

    /**
     * These channels, locked in one statement, in id order: the lock order of every path that locks more than one
     * channel, so that two of them never wait for each other.
     */
    /** Which of the channels have a stalled delivery; read without a lock, through a partial index. */
    @SuppressWarnings("unchecked")
    public List<String> stalledAmong(Collection<String> channelIds) {
        return getEntityManager()
                .createNativeQuery(
                        "SELECT id FROM channel WHERE delivery_stalled_since IS NOT NULL AND id = ANY (:ids)")
                .setParameter("ids", channelIds.toArray(String[]::new))
                .getResultList();
    }

    public Map<String, Channel> lockedByIds(Collection<String> channelIds) {
        // One statement shape for any number of ids (an array), so the server plans it once.
        @SuppressWarnings("unchecked")
        List<Channel> channels = getEntityManager()
                .createNativeQuery("SELECT * FROM channel WHERE id = ANY (:ids) ORDER BY id FOR UPDATE", Channel.class)
                .setParameter("ids", channelIds.toArray(String[]::new))
                .getResultList();
        Map<String, Channel> locked = new HashMap<>();
        channels.forEach(channel -> locked.put(channel.id, channel));
        return locked;
    }
}
