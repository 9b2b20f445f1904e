package io.switchboard.channel.verification;

/** How the owner of the number receives the code; SMS unless asked otherwise. */
enum VerificationMethod {
    SMS,
    VOICE
}
