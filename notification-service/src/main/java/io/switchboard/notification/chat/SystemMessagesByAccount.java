package io.switchboard.notification.chat;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class SystemMessagesByAccount implements PanacheRepositoryBase<AccountSystemMessages, String> {

    private final SystemMessageSettings settings;

    public SystemMessagesByAccount(SystemMessageSettings settings) {
        this.settings = settings;
    }

    SystemMessageSettings settings() {
        return settings;
    }

    /** What the account chose, or the defaults (not stored). */
    public AccountSystemMessages of(String accountId) {
        AccountSystemMessages chosen = findById(accountId);
        return chosen != null ? chosen : AccountSystemMessages.defaults(accountId, settings);
    }
}
