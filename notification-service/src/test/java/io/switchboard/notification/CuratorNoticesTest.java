package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.notification.MailServer.ReceivedMail;
import io.switchboard.notification.channel.ChannelNoticeTimer;
import io.switchboard.notification.delivery.Deliveries;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What curators are told, driven by real {@code channel.status.v1} and {@code billing.account.v1} events on Kafka,
 * read by their receivers from a real SMTP server; the debounce window passes on the tests' clock.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(MailServer.class)
class CuratorNoticesTest {

    private static final MutableClock CLOCK = MutableClock.shared();
    private static final Duration DEBOUNCE = Duration.ofSeconds(60);
    private static final String PHONE = "+61371989950";
    private static TestEvents events;

    @Inject
    ChannelNoticeTimer timer;

    @Inject
    Deliveries deliveries;

    @BeforeAll
    static void connect() {
        events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @Test
    void aPhoneThatGoesAwayIsToldOnceWithWhatToDoAndItsReturnOnce() {
        String account = account();
        String curator = curator(account, Map.of());
        Channel channel = new Channel(account);
        channel.change(ChannelStatus.STARTING);
        channel.change(ChannelStatus.ACTIVE);
        Instant down = channel.change(ChannelStatus.PHONE_UNAVAILABLE);
        channel.seen();

        CLOCK.advance(DEBOUNCE.minusSeconds(10));
        timer.pass();
        assertThat(deliveriesOf(curator)).as("nothing told within the window").isZero();
        CLOCK.advance(Duration.ofSeconds(11));
        timer.pass();
        assertThat(mails(curator, 1).get(0))
                .isEqualTo(new ReceivedMail(
                        curator,
                        "Sales Sydney (" + PHONE + "): Phone not available",
                        "The channel \"Sales Sydney\" (" + PHONE + ") is Phone not available"
                                + " since " + shown(down, "UTC")
                                + ". What to do: Check the phone: it is off or offline. Service"
                                + " resumes within 3 minutes of the phone returning.",
                        mails(curator, 1).get(0).notificationId()));

        // it comes back through a reconnect: "Active again" once the window has passed
        channel.change(ChannelStatus.STARTING);
        CLOCK.advance(Duration.ofSeconds(5));
        Instant up = channel.change(ChannelStatus.ACTIVE);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();
        ReceivedMail back = mails(curator, 2).get(1);
        assertThat(back.subject()).isEqualTo("Sales Sydney (" + PHONE + "): Active again");
        assertThat(back.text())
                .isEqualTo("The channel \"Sales Sydney\" (" + PHONE + ") is Active again since " + shown(up, "UTC")
                        + "; it was Phone not available since " + shown(down, "UTC") + ". Nothing to do.");

        // a short drop within the window tells nothing
        channel.change(ChannelStatus.PHONE_UNAVAILABLE);
        CLOCK.advance(Duration.ofSeconds(20));
        channel.change(ChannelStatus.ACTIVE);
        channel.seen();
        CLOCK.advance(DEBOUNCE.multipliedBy(2));
        timer.pass();
        assertThat(deliveriesOf(curator)).isEqualTo(2);
        assertThat(mails(curator, 2)).extracting(ReceivedMail::notificationId).doesNotHaveDuplicates();
    }

    @Test
    void twentyFlapsInTenMinutesTellUnstableOnceAndStableAgainOnce() {
        String account = account();
        String curator = curator(account, Map.of());
        Channel channel = new Channel(account);
        channel.change(ChannelStatus.STARTING);
        channel.change(ChannelStatus.ACTIVE);
        Instant unstableAt = null;
        Instant first = CLOCK.instant();
        for (int flap = 1; flap <= 20; flap++) {
            // every 29 s the channel reconnects, and every other time its phone drops for 9 s first
            CLOCK.advance(Duration.ofSeconds(20));
            if (flap % 2 == 0) {
                channel.change(ChannelStatus.PHONE_UNAVAILABLE);
            }
            CLOCK.advance(Duration.ofSeconds(5));
            channel.change(ChannelStatus.STARTING);
            CLOCK.advance(Duration.ofSeconds(4));
            channel.change(ChannelStatus.ACTIVE);
            if (flap == 3) {
                unstableAt = channel.alert(ChannelAlert.UNSTABLE); // as channel-service finds it: 3 cycles in 15 min
            }
            channel.seen();
            timer.pass();
        }
        assertThat(Duration.between(first, CLOCK.instant())).isLessThanOrEqualTo(Duration.ofMinutes(10));
        CLOCK.advance(Duration.ofMinutes(15));
        Instant stableAt = channel.alert(ChannelAlert.STABLE_AGAIN);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();

        List<ReceivedMail> mails = mails(curator, 2);
        assertThat(mails)
                .extracting(ReceivedMail::subject)
                .containsExactly(
                        "Sales Sydney (" + PHONE + "): unstable", "Sales Sydney (" + PHONE + "): stable again");
        assertThat(mails.get(0).text())
                .isEqualTo("The channel \"Sales Sydney\" (" + PHONE + ") is unstable since "
                        + shown(unstableAt, "UTC")
                        + ": it keeps dropping and reconnecting. What to do: restart the channel or"
                        + " change its proxy.");
        assertThat(mails.get(1).text()).contains("is stable again since " + shown(stableAt, "UTC"));
        assertThat(deliveriesOf(curator))
                .as("of %d status events", channel.version)
                .isEqualTo(2);
    }

    @Test
    void alertsAreToldAtOnceEachOnceUntilTheChannelIsActiveAgain() {
        String account = account();
        String curator = curator(account, Map.of());
        Channel channel = new Channel(account);
        channel.change(ChannelStatus.STARTING);
        channel.change(ChannelStatus.ACTIVE);
        channel.change(ChannelStatus.STARTING);
        channel.alert(ChannelAlert.STUCK);
        channel.seen();
        assertThat(mails(curator, 1).get(0).subject()).isEqualTo("Sales Sydney (" + PHONE + "): stuck");
        channel.alert(ChannelAlert.STUCK); // the restart failed: still stuck, told already
        channel.change(ChannelStatus.QR_REQUIRED);
        Instant expired = channel.alert(ChannelAlert.QR_EXPIRED);
        channel.alert(ChannelAlert.QR_EXPIRED); // the next code expired too
        channel.seen();
        ReceivedMail scan = mails(curator, 2).get(1);
        assertThat(scan.subject()).isEqualTo("Sales Sydney (" + PHONE + "): Scan QR-code");
        assertThat(scan.text())
                .isEqualTo("The QR code of the channel \"Sales Sydney\" (" + PHONE + ") expired before"
                        + " it was scanned (" + shown(expired, "UTC")
                        + "). What to do: Scan QR-code: open the channel and scan"
                        + " the new QR code with the phone.");
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();
        assertThat(mails(curator, 3).get(2).subject()).isEqualTo("Sales Sydney (" + PHONE + "): QR-scan needed");

        channel.change(ChannelStatus.STARTING);
        channel.change(ChannelStatus.ACTIVE);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();
        assertThat(mails(curator, 4).get(3).subject()).isEqualTo("Sales Sydney (" + PHONE + "): Active again");
        // a new stay in STARTING that sticks is a new story
        channel.change(ChannelStatus.STARTING);
        channel.alert(ChannelAlert.STUCK);
        channel.seen();
        assertThat(mails(curator, 5).get(4).subject()).isEqualTo("Sales Sydney (" + PHONE + "): stuck");
        assertThat(deliveriesOf(curator)).isEqualTo(5);
    }

    @Test
    void aStalledDeliveryIsToldOnceAndItsEndOnceThroughTheRestartItCauses() {
        String account = account();
        String curator = curator(account, Map.of());
        Channel channel = new Channel(account);
        channel.change(ChannelStatus.STARTING);
        channel.change(ChannelStatus.ACTIVE);
        Instant stalledAt = channel.alert(ChannelAlert.DELIVERY_STALLED);
        channel.seen();
        ReceivedMail stalled = mails(curator, 1).get(0);
        assertThat(stalled.subject()).isEqualTo("Sales Sydney (" + PHONE + "): connected but not delivering");
        assertThat(stalled.text())
                .isEqualTo("The channel \"Sales Sydney\" (" + PHONE + ") is connected but has not been delivering"
                        + " since " + shown(stalledAt, "UTC") + ": the messages it sent got no receipt from WhatsApp."
                        + " New messages are held and its session is restarted once. What to do: open WhatsApp on"
                        + " the phone and check that it sends; if it does not, restart the channel. Held messages go"
                        + " out with the first receipt or message from a client.");

        // the watchdog's restart: the channel reconnects, still stalled; found again after it, told already
        channel.change(ChannelStatus.STARTING);
        channel.change(ChannelStatus.ACTIVE);
        channel.alert(ChannelAlert.DELIVERY_STALLED);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();
        assertThat(deliveriesOf(curator))
                .as("no \"Active again\" while still stalled")
                .isEqualTo(1);

        channel.alert(ChannelAlert.DELIVERY_RESUMED);
        channel.alert(ChannelAlert.DELIVERY_RESUMED); // Kafka may deliver a finding again under a new version
        channel.seen();
        assertThat(mails(curator, 2).get(1).subject()).isEqualTo("Sales Sydney (" + PHONE + "): delivering again");
        channel.alert(ChannelAlert.DELIVERY_STALLED); // a new stall is a new story
        channel.seen();
        assertThat(mails(curator, 3).get(2).subject())
                .isEqualTo("Sales Sydney (" + PHONE + "): connected but not delivering");
        assertThat(deliveriesOf(curator)).isEqualTo(3);
    }

    @Test
    void aNumberApproachingAndReachingItsMessagingLimitIsToldAsItComesWithWhatToDo() {
        String account = account();
        String curator = curator(account, Map.of());
        Channel channel = new Channel(account);
        channel.change(ChannelStatus.ACTIVE);
        channel.alert(
                ChannelAlert.MESSAGING_LIMIT_NEAR,
                "the number began conversations with 201 clients in 24 hours, of its messaging limit of 250 (49"
                        + " left)");
        channel.alert(
                ChannelAlert.MESSAGING_LIMIT_REACHED,
                "the number began conversations with 250 clients in 24 hours, its messaging limit of 250");
        channel.seen();

        List<ReceivedMail> told = mails(curator, 2);
        assertThat(told)
                .extracting(ReceivedMail::subject)
                .containsExactlyInAnyOrder(
                        "Sales Sydney (" + PHONE + "): approaching the messaging limit",
                        "Sales Sydney (" + PHONE + "): messaging limit reached");
        assertThat(told)
                .extracting(ReceivedMail::text)
                .anySatisfy(text -> assertThat(text).contains("(49 left)", "What to do: send templates only to"))
                .anySatisfy(text -> assertThat(text).contains("replies to clients who wrote go on", "Nothing is lost"));
    }

    @Test
    void metasFindingsAboutACloudNumberAreEachToldOnceInMetasTermsAndABanAsAStatus() {
        String account = account();
        String curator = curator(account, Map.of());
        Channel channel = new Channel(account);
        channel.change(ChannelStatus.ACTIVE);
        Instant flagged = channel.alert(
                ChannelAlert.QUALITY_CHANGED,
                "quality GREEN -> RED (Meta FLAGGED): Meta may lower the messaging limit or restrict the number");
        channel.alert(
                ChannelAlert.MESSAGING_RESTRICTED,
                "Meta restricted answering clients (customer-initiated messaging) until 2026-12-09T10:00:00Z: new"
                        + " messages are held until it ends");
        channel.alert(ChannelAlert.MESSAGING_RESTRICTION_ENDED, "the restriction's time passed");
        channel.alert(ChannelAlert.QUALITY_CHANGED, "quality RED -> YELLOW (Meta's health status)");
        channel.seen();

        List<ReceivedMail> told = mails(curator, 4); // delivered each on its own: in any order
        assertThat(told)
                .extracting(ReceivedMail::subject)
                .containsExactlyInAnyOrder(
                        "Sales Sydney (" + PHONE + "): quality rating changed",
                        "Sales Sydney (" + PHONE + "): messaging restricted by Meta",
                        "Sales Sydney (" + PHONE + "): restriction ended",
                        "Sales Sydney (" + PHONE + "): quality rating changed");
        assertThat(told)
                .extracting(ReceivedMail::text)
                .anySatisfy(text -> assertThat(text)
                        .startsWith("Meta rated the quality of the channel \"Sales Sydney\" (" + PHONE + ") anew at "
                                + shown(flagged, "UTC") + " (quality GREEN -> RED (Meta FLAGGED)")
                        .contains("What to do: if it is YELLOW or RED, send only messages clients asked for"))
                .anySatisfy(text -> assertThat(text).contains("until 2026-12-09T10:00:00Z", "messages are held"))
                .anySatisfy(text -> assertThat(text).contains("RED -> YELLOW"));

        // Meta disables the business account: a status, told once it held for the debounce window
        Instant banned = channel.change(ChannelStatus.BANNED);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();
        ReceivedMail ban = mails(curator, 5).stream()
                .filter(mail -> mail.subject().endsWith("Banned by Meta"))
                .findFirst()
                .orElseThrow();
        assertThat(ban.subject()).isEqualTo("Sales Sydney (" + PHONE + "): Banned by Meta");
        assertThat(ban.text())
                .contains("is Banned by Meta since " + shown(banned, "UTC"))
                .contains("What to do: Meta disabled the WhatsApp Business Account: request a review in WhatsApp"
                        + " Manager.");
        assertThat(deliveriesOf(curator)).isEqualTo(5);
    }

    @Test
    void curatorsHearOnlyOfTheChannelsAndKindsTheyChose() {
        String account = account();
        Channel followed = new Channel(account);
        Channel other = new Channel(account);
        String everything = curator(account, Map.of());
        String stuckOnly = curator(
                account,
                Map.of("allChannels", false, "channelIds", List.of(followed.id), "kinds", List.of("CHANNEL_STUCK")));
        String balanceOnly = curator(account, Map.of("kinds", List.of("NOT_PAID")));
        String stranger = curator(account(), Map.of());
        for (Channel channel : List.of(followed, other)) {
            channel.change(ChannelStatus.STARTING);
            channel.alert(ChannelAlert.STUCK);
            channel.change(ChannelStatus.QR_REQUIRED);
            channel.alert(ChannelAlert.QR_EXPIRED);
            channel.seen();
        }
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();

        assertThat(mails(everything, 6)).hasSize(6); // stuck, Scan QR-code and QR-scan needed, of each channel
        assertThat(mails(stuckOnly, 1))
                .singleElement()
                .extracting(ReceivedMail::subject)
                .isEqualTo("Sales Sydney (" + PHONE + "): stuck");
        assertThat(deliveriesOf(stuckOnly)).isEqualTo(1);
        assertThat(deliveriesOf(balanceOnly)).isZero();
        assertThat(deliveriesOf(stranger)).isZero();
    }

    @Test
    void anAccountsCuratorsHearLowBalanceNotPaidAndPaidOnceEachInTheAccountsTime() {
        String account = account();
        String curator = curator(account, Map.of());
        Channel channel = new Channel(account);
        channel.change(ChannelStatus.STARTING);
        channel.change(ChannelStatus.ACTIVE);
        billing(account, BillingAccountState.PAID, "40.00", 8, 1); // a new account: nothing to tell
        billing(account, BillingAccountState.LOW_BALANCE, "12.50", 2, 2);
        billing(account, BillingAccountState.LOW_BALANCE, "12.50", 2, 2); // delivered twice by Kafka
        billing(account, BillingAccountState.LOW_BALANCE, "7.50", 1, 3); // lower still: told already
        Instant stopped = billing(account, BillingAccountState.NOT_PAID, "-0.40", 0, 4);
        channel.change(ChannelStatus.NOT_PAID, StatusCause.BILLING);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();
        mails(curator, 2); // each mail goes on its own: the next is told once this one has arrived
        billing(account, BillingAccountState.PAID, "24.60", 4, 5);
        channel.change(ChannelStatus.ACTIVE, StatusCause.BILLING);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();

        List<ReceivedMail> mails = mails(curator, 3);
        assertThat(mails)
                .extracting(ReceivedMail::subject)
                .containsExactly(
                        "Low balance: 12.50 USD, about 2 days left",
                        "Not paid: your channels are stopped",
                        "Paid: your channels work again");
        assertThat(mails.get(0).text())
                .isEqualTo("The balance of your account is low: 12.50 USD. It lasts about 2 days"
                        + " at the current tariff. Top up the balance so that your channels keep working.");
        assertThat(mails.get(1).text())
                .isEqualTo("Not paid – you have run out of money on your balance (-0.40 USD,"
                        + " since " + shown(stopped, "Europe/Berlin")
                        + "). Refill your account balance and active channels"
                        + " will start to work again. All frozen messages will be sent after activation.");
        assertThat(mails.get(2).text()).startsWith("Your account is paid again: the balance is 24.60 USD.");
        assertThat(deliveriesOf(curator)).as("no channel notice for NOT_PAID").isEqualTo(3);

        // times of channel notices are shown in the account's zone too
        Instant down = channel.change(ChannelStatus.PHONE_UNAVAILABLE);
        channel.seen();
        CLOCK.advance(DEBOUNCE.plusSeconds(1));
        timer.pass();
        assertThat(mails(curator, 4).get(3).text()).contains("since " + shown(down, "Europe/Berlin") + ".");

        // out of money again, then a top-up that leaves little: the channels work again, and the balance is low
        billing(account, BillingAccountState.NOT_PAID, "-1.00", 0, 6);
        mails(curator, 5);
        billing(account, BillingAccountState.LOW_BALANCE, "5.00", 1, 7);
        assertThat(mails(curator, 7).subList(5, 7))
                .extracting(ReceivedMail::subject)
                .containsExactlyInAnyOrder("Paid: your channels work again", "Low balance: 5.00 USD, about 1 day left");
    }

    /** One channel's events, as channel-service writes them. */
    private static final class Channel {
        final String id = UUID.randomUUID().toString();
        final String account;
        long version;
        ChannelStatus status;

        Channel(String account) {
            this.account = account;
        }

        Instant change(ChannelStatus next) {
            return change(next, StatusCause.PROVIDER_EVENT);
        }

        Instant change(ChannelStatus next, StatusCause cause) {
            ChannelStatus previous = status;
            status = next;
            return publish(previous, cause, null);
        }

        Instant alert(ChannelAlert alert) {
            return publish(status, StatusCause.WATCHDOG, alert, alert.name().toLowerCase());
        }

        /** A finding in channel-service's words, e.g. Meta's new quality rating. */
        Instant alert(ChannelAlert alert, String detail) {
            return publish(status, StatusCause.PROVIDER_EVENT, alert, detail);
        }

        private Instant publish(ChannelStatus previous, StatusCause cause, ChannelAlert alert) {
            return publish(
                    previous, cause, alert, alert == null ? null : alert.name().toLowerCase());
        }

        private Instant publish(ChannelStatus previous, StatusCause cause, ChannelAlert alert, String detail) {
            version++;
            Instant at = CLOCK.instant();
            events.publish(
                    Topics.CHANNEL_STATUS,
                    id,
                    Streams.CHANNEL_STATUS.type(),
                    new ChannelStatusChanged(
                            id,
                            account,
                            "Sales Sydney",
                            PHONE,
                            previous,
                            status,
                            status.defaultSendPolicy(),
                            status.requiredAction(),
                            cause,
                            detail,
                            "SIM-1",
                            version,
                            at,
                            ChannelKind.WEB_SESSION,
                            alert,
                            null));
            return at;
        }

        /** Waits until the service has applied every event of the channel published so far. */
        void seen() {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                var answer = given().auth()
                        .oauth2(token(account))
                        .get("/v1/channels/{id}/observed-statuses?size=500", id)
                        .then();
                return answer.extract().statusCode() == 200
                        && answer.extract().path("items.size()").equals((int) version);
            });
        }
    }

    private static Instant billing(
            String account, BillingAccountState state, String balance, int runway, long version) {
        Instant at = CLOCK.instant();
        events.publish(
                Topics.BILLING_ACCOUNT,
                account,
                Streams.BILLING_ACCOUNT.type(),
                new BillingAccountChanged(account, state, balance, "USD", runway, version, at, "Europe/Berlin"));
        return at;
    }

    /** Waits for this many mails to the address and no more arriving meanwhile, and returns them. */
    private static List<ReceivedMail> mails(String address, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> MailServer.to(address).size() >= count);
        List<ReceivedMail> mails = MailServer.to(address);
        assertThat(mails).as("mails to %s", address).hasSize(count);
        return mails;
    }

    /** Every delivery made for the curator with this email, whatever its state. */
    private long deliveriesOf(String email) {
        return QuarkusTransaction.requiringNew()
                .call(() -> deliveries.count(
                        "curatorId in (select c.id from Curator c where c.email = ?1) and kind <> 'curator.test'",
                        email));
    }

    private static String curator(String account, Map<String, Object> choices) {
        String email = "desk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, Object> body = new HashMap<>(choices);
        body.put("name", "Desk");
        body.put("email", email);
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/curators")
                .then()
                .statusCode(201);
        return email;
    }

    private static String shown(Instant at, String zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(ZoneId.of(zone))) + " (" + zone + ")";
    }

    private static String account() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }
}
