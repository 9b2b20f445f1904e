package io.switchboard.channel.verification;

/** {@code POST /v1/channels/{id}/verification}: {@code sms} (the default) or {@code voice}. */
record RequestCodeRequest(String method) {}
