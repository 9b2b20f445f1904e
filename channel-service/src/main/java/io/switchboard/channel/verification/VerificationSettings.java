package io.switchboard.channel.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Verification of Cloud API numbers (docs/product/cloud-api-verification.md). */
@ConfigMapping(prefix = "switchboard.verification")
public interface VerificationSettings {

    /** Wrong codes in a row after which verification is locked. */
    @WithDefault("5")
    int maxWrongCodes();

    /** How long verification stays locked after too many wrong codes. */
    @WithDefault("PT1H")
    Duration lockFor();

    /** Language of the SMS or voice call that brings the code. */
    @WithDefault("en")
    String language();
}
