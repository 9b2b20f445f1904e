package io.switchboard.notification.account;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The accounts' time zones, as billing announces them: times told to people are shown in them. */
@ApplicationScoped
public class AccountWatches implements PanacheRepositoryBase<AccountWatch, String> {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The account's zone; UTC for an account billing has not announced yet. */
    public ZoneId of(String accountId) {
        AccountWatch watch = findById(accountId);
        if (watch == null) {
            return UTC;
        }
        try {
            return ZoneId.of(watch.timeZone);
        } catch (DateTimeException e) {
            return UTC;
        }
    }

    /** A time as people of the account read it, e.g. {@code 2024-05-02 10:15 (Europe/Berlin)}. */
    public String show(String accountId, Instant at) {
        ZoneId zone = of(accountId);
        return SHOWN.format(at.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
