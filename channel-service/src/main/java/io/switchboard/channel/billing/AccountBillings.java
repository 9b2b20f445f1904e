package io.switchboard.channel.billing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class AccountBillings implements PanacheRepositoryBase<AccountBilling, String> {

    /** Whether the account's channels may work; an account billing has not spoken of yet is paid. */
    public boolean isPaid(String accountId) {
        return findByIdOptional(accountId).map(billing -> billing.paid).orElse(true);
    }

    public Optional<AccountBilling> locked(String accountId) {
        return Optional.ofNullable(findById(accountId, LockModeType.PESSIMISTIC_WRITE));
    }
}
