package io.switchboard.channel.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The numbers accounts name for delivery probes, one per account at most. */
@ApplicationScoped
public class ProbeNumbers {

    /** An account's probe number. */
    public record ProbeNumber(String accountId, String phone, Instant updatedAt) {}

    private final EntityManager entityManager;

    ProbeNumbers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ProbeNumber> of(String accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("SELECT phone, updated_at FROM delivery_probe_number WHERE account_id = :account")
                .setParameter("account", accountId)
                .getResultList();
        return rows.stream().findFirst().map(row -> new ProbeNumber(accountId, (String) row[0], instant(row[1])));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    ProbeNumber set(String accountId, String phone, Instant at) {
        entityManager
                .createNativeQuery("""
                        INSERT INTO delivery_probe_number (account_id, phone, updated_at) VALUES (:account, :phone, :at)
                        ON CONFLICT (account_id) DO UPDATE SET phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at""")
                .setParameter("account", accountId)
                .setParameter("phone", phone)
                .setParameter("at", at)
                .executeUpdate();
        return new ProbeNumber(accountId, phone, at);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    boolean remove(String accountId) {
        return entityManager
                        .createNativeQuery("DELETE FROM delivery_probe_number WHERE account_id = :account")
                        .setParameter("account", accountId)
                        .executeUpdate()
                > 0;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
