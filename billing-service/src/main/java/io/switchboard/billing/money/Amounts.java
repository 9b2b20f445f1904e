package io.switchboard.billing.money;

import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.joda.money.CurrencyUnit;
import org.joda.money.IllegalCurrencyException;
import org.joda.money.Money;

/**
 * Money as the API reads and writes it: a plain decimal string (no exponent, no grouping) in the currency's own scale
 * (ISO 4217: USD and EUR 2 decimals, JPY 0, KWD 3). An amount with more decimals than its currency has is refused,
 * never rounded; a computed amount (a prorated charge) is rounded once, half to even.
 */
public final class Amounts {

    /** Rounding of computed amounts: half to even, so that many rounded charges carry no bias up or down. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    /** The ledger keeps NUMERIC(19,4): an amount or a balance is less than 10^15 either way. */
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9]+)?");

    private Amounts() {}

    /** An ISO 4217 currency with a decimal scale (not a metal or a testing code); 400 otherwise. */
    public static CurrencyUnit currency(String field, String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new ProblemException(Problem.invalidField(field, "is an ISO 4217 code such as USD or EUR"));
        }
        try {
            CurrencyUnit currency = CurrencyUnit.of(code);
            if (currency.isPseudoCurrency()) {
                throw new ProblemException(
                        Problem.invalidField(field, code + " is not a currency accounts are kept in"));
            }
            return currency;
        } catch (IllegalCurrencyException e) {
            throw new ProblemException(Problem.invalidField(field, "'" + code + "' is not an ISO 4217 currency"));
        }
    }

    /** The amount a request gave, exactly; 400 for anything that is not a plain decimal in the currency's scale. */
    public static Money parse(String field, String text, CurrencyUnit currency) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new ProblemException(
                    Problem.invalidField(
                            field,
                            "is a decimal amount as a string, such as \"25.00\" (no exponent, at most 15 digits before the point)"));
        }
        BigDecimal value = new BigDecimal(text);
        if (value.scale() > currency.getDecimalPlaces()) {
            throw new ProblemException(Problem.invalidField(
                    field,
                    "has " + value.scale() + " decimals; " + currency.getCode() + " has "
                            + currency.getDecimalPlaces()));
        }
        return Money.of(currency, value);
    }

    /** Whether the ledger can keep the amount (a balance after an entry): less than 10^15 either way. */
    public static boolean fitsLedger(Money amount) {
        return amount.getAmount().abs().compareTo(LIMIT) < 0;
    }

    /** A positive amount, as payments and refunds are. */
    public static Money positive(String field, String text, CurrencyUnit currency) {
        Money amount = parse(field, text, currency);
        if (!amount.isPositive()) {
            throw new ProblemException(Problem.invalidField(field, "is more than zero"));
        }
        return amount;
    }

    /** A stored amount (the database keeps four decimals) in its currency's scale; it never needs rounding. */
    public static Money stored(BigDecimal value, CurrencyUnit currency) {
        return Money.of(currency, value.setScale(currency.getDecimalPlaces(), RoundingMode.UNNECESSARY));
    }

    /**
     * The API's form: a plain string in the currency's scale, e.g. {@code "25.00"}, {@code "-0.40"}, {@code "1200"}.
     */
    public static String text(Money amount) {
        return amount.getAmount().toPlainString();
    }
}
