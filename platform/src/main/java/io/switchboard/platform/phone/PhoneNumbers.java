package io.switchboard.platform.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.text.Texts;

/** Phone numbers in E.164, validated with libphonenumber: a number is stored and compared in one form only. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /**
     * The number in E.164, or a 400 problem naming {@code field} if it is not a valid international number.
     */
    public static String e164(String field, String input) {
        if (input != null && input.length() > 64) {
            throw invalid(field, input, "it is longer than any phone number");
        }
        if (input == null || !input.trim().startsWith("+")) {
            throw invalid(field, input, "it must be in international format, starting with + and the country code");
        }
        try {
            PhoneNumber number = UTIL.parse(input, null);
            if (!UTIL.isValidNumber(number)) {
                throw invalid(field, input, "it is not a valid number for its country");
            }
            return UTIL.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw invalid(field, input, e.getMessage());
        }
    }

    private static ProblemException invalid(String field, String input, String why) {
        return new ProblemException(Problem.of(
                        400,
                        "invalid-phone",
                        "Invalid phone number",
                        field + " '" + Texts.fit(input, 32) + "' is not a valid phone number: " + why)
                .with("field", field));
    }
}
