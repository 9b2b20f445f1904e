package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EventSummaryTest {

    private final EventSummary summary = new EventSummary(new ObjectMapper());

    @Test
    void summarisesChannelAndMessageEventsBareOrInACloudEvent() {
        assertThat(summary.of(Topics.CHANNEL_STATUS, """
                {"channelId":"c1","previousStatus":"STARTING","status":"QR_REQUIRED","cause":"PROVIDER_EVENT","detail":"QR","version":3}""")).isEqualTo("STARTING -> QR_REQUIRED (PROVIDER_EVENT: QR) v3");
        assertThat(summary.of(Topics.MESSAGE_STATUS, """
                {"specversion":"1.0","type":"io.switchboard.message.status-changed.v1",
                 "data":{"messageId":"m1","previousState":null,"state":"FROZEN","reason":"STARTING"}}""")).isEqualTo("message m1: new -> FROZEN (STARTING)");
        assertThat(summary.of(Topics.CHANNEL_STATUS, "not json")).isEqualTo("not json");
    }
}
