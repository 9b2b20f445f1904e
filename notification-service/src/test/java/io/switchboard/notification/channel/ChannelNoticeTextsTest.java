package io.switchboard.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.notification.account.AccountWatches;
import io.switchboard.notification.curator.NotificationKind;
import io.switchboard.notification.delivery.Notice;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What curators read, on its own: the words, the channel, the time in the account's zone, what to do. */
@Tag("fast")
class ChannelNoticeTextsTest {

    private static final Instant SINCE = Instant.parse("2026-12-07T01:15:00Z");

    private final ChannelNoticeTexts texts = new ChannelNoticeTexts(new AccountWatches() {
        @Override
        public ZoneId of(String accountId) {
            return ZoneId.of("Asia/Tokyo");
        }
    });

    @Test
    void aProblemNamesTheChannelTheStatusAsPeopleKnowItSinceWhenAndWhatToDo() {
        Notice notice = texts.problem(watch(ChannelStatus.PHONE_UNAVAILABLE, ChannelStatus.ACTIVE));

        assertThat(notice.kind()).isEqualTo(NotificationKind.CHANNEL_STATUS);
        assertThat(notice.subject()).isEqualTo("Sales Sydney (+61371989950): Phone not available");
        assertThat(notice.text())
                .isEqualTo("The channel \"Sales Sydney\" (+61371989950) is Phone not available since"
                        + " 2026-12-07 10:15 (Asia/Tokyo). What to do: "
                        + ChannelStatus.PHONE_UNAVAILABLE.requiredAction().description());
        assertThat(notice.data())
                .containsEntry("requiredAction", "CHECK_PHONE")
                .containsEntry("previousStatus", "ACTIVE");
    }

    @Test
    void aRecoverySaysWhatItWasAndThatNothingIsToBeDone() {
        ChannelWatch watch = watch(ChannelStatus.ACTIVE, ChannelStatus.QR_REQUIRED);
        watch.announcedSince = SINCE.minusSeconds(3600);

        assertThat(texts.recovery(watch).text())
                .isEqualTo("The channel \"Sales Sydney\" (+61371989950) is Active"
                        + " again since 2026-12-07 10:15 (Asia/Tokyo); it was QR-scan needed since 2026-12-07 09:15"
                        + " (Asia/Tokyo). Nothing to do.");
    }

    @Test
    void everyAlertHasItsKindAndSaysWhatToDoOrThatNothingIs() {
        for (ChannelAlert alert : ChannelAlert.values()) {
            Notice notice = texts.alert(watch(ChannelStatus.ACTIVE, ChannelStatus.ACTIVE), alert, SINCE, null);
            assertThat(notice.text())
                    .as("%s", alert)
                    .contains("2026-12-07 10:15 (Asia/Tokyo)")
                    .containsAnyOf("What to do:", "Nothing to do.");
            assertThat(notice.data()).containsEntry("alert", alert.name());
        }
    }

    @Test
    void aFindingOfMetaNamesWhatItFound() {
        Notice notice = texts.alert(
                watch(ChannelStatus.ACTIVE, ChannelStatus.ACTIVE),
                ChannelAlert.QUALITY_CHANGED,
                SINCE,
                "quality GREEN -> RED (Meta FLAGGED)");

        assertThat(notice.text())
                .contains("(quality GREEN -> RED (Meta FLAGGED))")
                .contains("What to do:");
        assertThat(notice.kind()).isEqualTo(NotificationKind.CLOUD_STANDING);
    }

    @Test
    void everyStatusHasWordsPeopleKnow() {
        for (ChannelStatus status : EnumSet.allOf(ChannelStatus.class)) {
            assertThat(ChannelNoticeTexts.label(status))
                    .as("%s", status)
                    .isNotBlank()
                    .doesNotContain("_");
        }
    }

    private static ChannelWatch watch(ChannelStatus condition, ChannelStatus announced) {
        ChannelWatch watch = new ChannelWatch();
        watch.accountId = "acme";
        watch.channelId = "c1";
        watch.name = "Sales Sydney";
        watch.phone = "+61371989950";
        watch.condition = condition;
        watch.conditionSince = SINCE;
        watch.announced = announced;
        watch.announcedSince = SINCE;
        return watch;
    }
}
