package io.switchboard.billing.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the account endpoints. */
public final class AccountRequests {

    /** Account ids are what tokens carry in their {@code account} claim. */
    static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

    private AccountRequests() {
    }

    /**
     * @param id the account id tokens will carry; a UUID when left out
     * @param tariff price per enabled channel per day, in the currency's scale
     * @param lowBalanceRunwayDays LOW_BALANCE when the balance lasts fewer days than this (default 3)
     * @param openingBalance the balance the account starts with (an ADJUSTMENT in its ledger); 0 when left out, which
     *        makes the account NOT_PAID until a payment
     */
    public record Create(
            @Pattern(regexp = ID_PATTERN, message = "is 1 to 64 letters, digits, '.', '_' or '-'") String id,
            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") String name,
            @NotNull(message = "is required (ISO 4217, e.g. USD)") String currency,
            @NotNull(message = "is required (IANA, e.g. Europe/Berlin)") String timeZone,
            @NotNull(message = "is required (price per enabled channel per day, e.g. \"1.00\")") String tariff,
            @Min(value = 0, message = "is at least 0") @Max(value = 365, message = "is at most 365") Integer lowBalanceRunwayDays,
            String openingBalance) {
    }

    /** A change of an account; a field left out stays as it is. The currency never changes (its ledger is in it). */
    public record Change(
            @Size(min = 1, max = 200, message = "is 1 to 200 characters") String name,
            String timeZone,
            String tariff,
            @Min(value = 0, message = "is at least 0") @Max(value = 365, message = "is at most 365") Integer lowBalanceRunwayDays,
            String currency) {
    }
}
