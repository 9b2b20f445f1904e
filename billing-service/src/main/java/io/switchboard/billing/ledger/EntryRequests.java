package io.switchboard.billing.ledger;

import io.switchboard.platform.validation.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies that add to a ledger; amounts are decimal strings in the account's currency. */
final class EntryRequests {

    private EntryRequests() {}

    /**
     * Money received.
     *
     * @param reference what the payment processor calls it, kept as the entry's reason
     */
    public record Payment(
            @NotNull(message = "is required, e.g. \"25.00\"") @Size(max = 40, message = "is at most 40 characters")
            String amount,

            @NotNull(message = "is required (the account's currency)") @Size(max = 3, message = "is 3 letters")
            String currency,

            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") @SingleLine
            String idempotencyKey,

            @Size(max = 500, message = "is at most 500 characters")
            String reference) {}

    /** Money given back (a positive amount), or a correction either way (a signed amount): ops only, with a reason. */
    public record Correction(
            @NotNull(message = "is required, e.g. \"5.00\"") @Size(max = 40, message = "is at most 40 characters")
            String amount,

            @NotNull(message = "is required (the account's currency)") @Size(max = 3, message = "is 3 letters")
            String currency,

            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") @SingleLine
            String idempotencyKey,

            @NotBlank(message = "is required") @Size(max = 500, message = "is at most 500 characters")
            String reason) {}
}
