package io.switchboard.billing.account;

import io.switchboard.platform.auth.AccountIds;
import io.switchboard.platform.validation.SingleLine;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the account endpoints. */
final class AccountRequests {

    private AccountRequests() {}

    /**
     * @param id the account id tokens will carry; a UUID when left out
     * @param tariff price per enabled channel per day, in the currency's scale
     * @param lowBalanceRunwayDays LOW_BALANCE when the balance lasts fewer days than this (default 3)
     * @param openingBalance the balance the account starts with (an ADJUSTMENT in its ledger); 0 when left out, which
     *        makes the account NOT_PAID until a payment
     */
    public record Create(
            @Size(max = 64, message = AccountIds.DESCRIPTION)
            @Pattern(regexp = AccountIds.PATTERN, message = AccountIds.DESCRIPTION)
            String id,

            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") @SingleLine
            String name,

            @NotNull(message = "is required (ISO 4217, e.g. USD)") @Size(max = 3, message = "is 3 letters")
            String currency,

            @NotNull(message = "is required (IANA, e.g. Europe/Berlin)")
            @Size(max = 60, message = "is at most 60 characters")
            String timeZone,

            @NotNull(message = "is required (price per enabled channel per day, e.g. \"1.00\")")
            @Size(max = 40, message = "is at most 40 characters")
            String tariff,

            @Min(value = 0, message = "is at least 0") @Max(value = 365, message = "is at most 365")
            Integer lowBalanceRunwayDays,

            @Size(max = 40, message = "is at most 40 characters")
            String openingBalance) {}

    /** A change of an account; a field left out stays as it is. The currency never changes (its ledger is in it). */
    public record Change(
            @Size(min = 1, max = 200, message = "is 1 to 200 characters")
            @SingleLine
            @Pattern(regexp = ".*\\S.*", message = "is not blank")
            String name,

            @Size(max = 60, message = "is at most 60 characters")
            String timeZone,

            @Size(max = 40, message = "is at most 40 characters")
            String tariff,

            @Min(value = 0, message = "is at least 0") @Max(value = 365, message = "is at most 365")
            Integer lowBalanceRunwayDays,

            @Size(max = 3, message = "is 3 letters") String currency) {}
}
