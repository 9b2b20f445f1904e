package io.switchboard.systemtest.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.switchboard.systemtest.LocalPlatformUnderTest;
import io.switchboard.testkit.webhook.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The operator console in a real Chromium against the whole platform: what a person does in it, and that what they
 * see follows what happens, without reloading the page. Screenshots of the pages are written to {@code
 * target/console-screenshots} (and, with {@code -Dconsole.screenshots=<folder>}, there too: the README's come from
 * {@code -Dconsole.screenshots=docs/console}).
 */
class ConsoleIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalPlatformUnderTest platform;
    private static ChromeDriver browser;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        platform = LocalPlatformUnderTest.shared();
        receiver = WebhookReceiver.start();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anAdminCreatesAChannelScansItsQrAndWatchesItsHeldMessagesGoWhenThePhoneIsBack() throws Exception {
        String account = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String token = platform.token(account);
        signIn(token);
        assertThat(text("h1")).isEqualTo("Fleet");
        await().atMost(STEP).until(() -> text("#fleet").contains("No channels yet"));

        // Create a channel with the keyboard alone: type, Tab to the next field, Enter submits.
        String phone = platform.freshPhone();
        browser.findElement(By.id("new-name")).sendKeys("Front desk", Keys.TAB, phone, Keys.ENTER);
        await().atMost(STEP).until(() -> browser.getCurrentUrl().contains("#/channels/"));
        String channel = browser.getCurrentUrl().replaceFirst(".*#/channels/", "");
        markPage();

        // Its QR code, counting down; the phone scans it (the simulator) and the page turns ACTIVE by itself.
        await().atMost(STEP).until(() -> present("#qr-image"));
        assertThat(browser.findElement(By.id("qr-image")).getAttribute("src")).startsWith("data:image/png;base64,");
        await().atMost(STEP).until(() -> text("#qr-expiry").startsWith("Expires in"));
        assertThat(text("#required-action")).isEqualTo("Scan the QR code with the phone.");
        screenshot("channel-qr");
        // The code expires unscanned: the page says so; a restart from the page brings a new code, shown by itself.
        String firstCode = browser.findElement(By.id("qr-image")).getAttribute("src");
        simulator("/control/channels/{id}/qr/expire", platform.channelField(token, channel, "providerChannelId"));
        await().atMost(STEP).until(() -> text("#qr-expiry").startsWith("Expired"));
        click(By.id("action-restart"));
        await().atMost(STEP).until(() -> text("#notices").contains("Restart: the channel is"));
        await().atMost(STEP)
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> present("#qr-image")
                        && !firstCode.equals(
                                browser.findElement(By.id("qr-image")).getAttribute("src")));
        String session = platform.channelField(token, channel, "providerChannelId");
        simulator("/control/channels/{id}/scan", session);
        awaitStatus("#channel-summary", "ACTIVE");
        assertThat(present("#qr-image")).as("the QR code is gone once scanned").isFalse();

        // The phone goes offline: the page says what to do, and the messages sent meanwhile are held.
        simulator("/control/channels/{id}/phone/offline", session);
        awaitStatus("#channel-summary", "PHONE_UNAVAILABLE");
        assertThat(text("#required-action")).startsWith("Check the phone");
        awaitQueueKnows(token, channel, "PHONE_UNAVAILABLE");
        String client = platform.freshPhone();
        List<String> texts = List.of("order 1 is ready", "order 2 is ready", "order 3 is ready");
        for (String message : texts) {
            send(token, channel, client, message).statusCode(202).body("state", equalTo("FROZEN"));
        }
        await().atMost(STEP).until(() -> text("#held-count").equals("3"));
        assertThat(browser.findElements(By.cssSelector("#queue tr[data-state='FROZEN']")))
                .hasSize(3);
        assertThat(text("#queue")).contains("Held while the channel is phone unavailable");
        screenshot("channel-held");

        // The phone is back: ACTIVE again, the backlog drains on the page, and the client gets each message once,
        // in order.
        simulator("/control/channels/{id}/phone/online", session);
        awaitStatus("#channel-summary", "ACTIVE");
        await().atMost(STEP).until(() -> text("#held-count").equals("0"));
        await().atMost(STEP).until(() -> received(client).size() == texts.size());
        assertThat(received(client)).containsExactlyElementsOf(texts);
        await().atMost(STEP).until(() -> text("#timeline").contains("Phone unavailable"));
        assertPageNotReloaded();

        // The fleet: the channel with its status, counts per status, a filter.
        click(By.linkText("Fleet"));
        await().atMost(STEP).until(() -> present("tr[data-channel-id='" + channel + "'][data-status='ACTIVE']"));
        await().atMost(STEP)
                .until(() -> !text("tr[data-channel-id='" + channel + "'] td:nth-child(9)")
                        .equals("—"));
        assertThat(text("#status-counts")).contains("1 all").contains("1 Active");
        screenshot("fleet");
        assertReadableOnAPhone();

        // A name is shown as text, never run as markup.
        String hostile = "<img src=x onerror=\"window.injected=1\">Lobby";
        given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("phone", platform.freshPhone(), "name", hostile))
                .post("/v1/channels")
                .then()
                .statusCode(201);
        await().atMost(STEP).until(() -> text("#fleet").contains(hostile));
        assertThat(browser.executeScript(
                        "return window.injected === undefined && !document.querySelector('#fleet img')"))
                .isEqualTo(Boolean.TRUE);
    }

    @Test
    void anOperatorSeesAnAccountRunOutOfMoneyAndTopsItUpAndItsChannelComesBack() throws Exception {
        String account = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String token = platform.token(account);
        openAccount(account, "5.00");
        String channel = platform.activeChannel(token, "Sales line");

        // The operator sees every account, opens this one and records an adjustment that takes it below zero.
        signIn(platform.opsToken());
        click(By.linkText("Operators"));
        await().atMost(STEP).until(() -> present("tr[data-account-id='" + account + "']"));
        screenshot("operators");
        click(By.linkText(account));
        await().atMost(STEP).until(() -> text("#account-state").equals("Paid"));
        record("adjustments", "-6.00", "USD", "correction for the test");
        await().atMost(STEP).until(() -> text("#account-state").equals("Not paid"));
        assertThat(text("#balance")).isEqualTo("-1.00 USD");
        assertThat(text("#ledger")).contains("correction for the test");

        // The account's admin sees the channel stopped, and what to do.
        signIn(token);
        await().atMost(STEP).until(() -> present("tr[data-channel-id='" + channel + "'][data-status='NOT_PAID']"));
        assertThat(text("tr[data-channel-id='" + channel + "'] td.action")).startsWith("Top up the account balance");
        click(By.cssSelector("#status-counts button[data-status='NOT_PAID']"));
        await().atMost(STEP)
                .until(() ->
                        browser.findElements(By.cssSelector("#fleet tbody tr")).size() == 1);

        // A refused entry is told in words and changes nothing; a payment brings the account and the channel back.
        signIn(platform.opsToken());
        browser.get(platform.console() + "#/accounts/" + account);
        await().atMost(STEP).until(() -> text("#account-state").equals("Not paid"));
        record("payments", "100.00", "EUR", "wrong currency");
        await().atMost(STEP).until(() -> present(".notice.error"));
        assertThat(text(".notice.error")).containsIgnoringCase("currency");
        assertThat(text("#balance")).isEqualTo("-1.00 USD");
        dismissNotices();
        record("payments", "100.00", "USD", "invoice 42");
        await().atMost(STEP).until(() -> text("#account-state").equals("Paid"));
        assertThat(text("#balance")).isEqualTo("99.00 USD");
        screenshot("account");

        signIn(token);
        await().atMost(STEP).until(() -> present("tr[data-channel-id='" + channel + "'][data-status='ACTIVE']"));
    }

    @Test
    void anAdminHoldsTheBacklogForAPersonCancelsOneMessageReleasesTheRestAndClearsALaterBacklog() throws Exception {
        String account = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String token = platform.token(account);
        String channel = platform.activeChannel(token, "Support line");
        String session = platform.channelField(token, channel, "providerChannelId");

        // The account's queue settings: a backlog waits for a person (HOLD).
        signIn(token);
        click(By.linkText("Account"));
        await().atMost(STEP).until(() -> present("#queue-settings select[name='releaseMode']"));
        click(By.cssSelector("#queue-settings select[name='releaseMode'] option[value='HOLD']"));
        click(By.xpath("//button[text()='Save the queue settings']"));
        await().atMost(STEP).until(() -> text("#notices").contains("Queue settings saved"));
        given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(200)
                .body("own.releaseMode", equalTo("HOLD"));

        // Four messages held while the phone is away; it comes back, and the backlog stays for a person.
        simulator("/control/channels/{id}/phone/offline", session);
        awaitQueueKnows(token, channel, "PHONE_UNAVAILABLE");
        String client = platform.freshPhone();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ids.add(send(token, channel, client, "ticket " + i)
                    .statusCode(202)
                    .extract()
                    .path("id"));
        }
        simulator("/control/channels/{id}/phone/online", session);
        browser.get(platform.console() + "#/channels/" + channel);
        awaitStatus("#channel-summary", "ACTIVE");
        await().atMost(STEP).until(() -> text("#held-count").equals("4") && present("#release-now"));
        // The queue learns the status from Kafka a moment after the channel's page shows it.
        await().atMost(STEP).until(() -> text("#queue-summary").contains("a backlog waits for a person to release it"));

        // One is cancelled, the others released: they go, in order, and the cancelled one never does.
        click(By.cssSelector("#queue tr[data-message-id='" + ids.get(1) + "'] button"));
        await().atMost(STEP).until(() -> text("#held-count").equals("3"));
        awaitQueueKnows(token, channel, "ACTIVE");
        click(By.id("release-now"));
        await().atMost(STEP).until(() -> text("#held-count").equals("0"));
        await().atMost(STEP).until(() -> received(client).size() == 3);
        assertThat(received(client)).containsExactly("ticket 1", "ticket 3", "ticket 4");
        messageState(token, ids.get(1), "CANCELLED");

        // A later backlog is cleared after the console asks to be sure: nothing of it is sent.
        simulator("/control/channels/{id}/phone/offline", session);
        awaitStatus("#channel-summary", "PHONE_UNAVAILABLE");
        awaitQueueKnows(token, channel, "PHONE_UNAVAILABLE");
        String later = send(token, channel, client, "ticket 5")
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(STEP).until(() -> text("#held-count").equals("1"));
        click(By.id("clear-queue"));
        assertThat(browser.switchTo().alert().getText()).contains("Cancel the 1 held message of this channel?");
        browser.switchTo().alert().accept();
        await().atMost(STEP).until(() -> text("#held-count").equals("0"));
        await().atMost(STEP).until(() -> text("#notices").contains("1 message cancelled"));
        messageState(token, later, "CANCELLED");
    }

    @Test
    void anAdminVerifiesACloudApiNumberWithTheCodeItReceivedAfterAWrongOne() throws Exception {
        String account = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String numberId = String.valueOf(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String phone = platform.freshPhone();
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body(Map.of("phoneNumberId", numberId, "phone", phone, "code", "424242"))
                .post("/control/cloud-numbers")
                .then()
                .statusCode(201);
        signIn(platform.token(account));

        browser.findElement(By.id("new-name")).sendKeys("Official number");
        browser.findElement(By.id("new-phone")).sendKeys(phone);
        click(By.cssSelector("#new-kind option[value='CLOUD_API']"));
        browser.findElement(By.name("cloudPhoneNumberId")).sendKeys(numberId);
        click(By.id("create-channel"));
        await().atMost(STEP).until(() -> present("#verification-panel #request-code"));
        assertThat(text("#required-action")).startsWith("Verify the number");

        click(By.cssSelector("#code-method option[value='voice']"));
        click(By.id("request-code"));
        await().atMost(STEP).until(() -> text("#notices").contains("A code is on its way"));
        await().atMost(STEP).until(() -> text("#verification-panel").contains("Code requested"));
        screenshot("channel-verification");

        browser.findElement(By.id("code")).sendKeys("111111");
        click(By.id("submit-code"));
        await().atMost(STEP).until(() -> present(".notice.error"));
        await().atMost(STEP).until(() -> text("#verification-panel").contains("4 attempts left"));
        browser.executeScript("document.querySelectorAll('.notice').forEach(n => n.remove())");

        WebElement code = browser.findElement(By.id("code"));
        code.clear();
        code.sendKeys("424242", Keys.ENTER);
        awaitStatus("#channel-summary", "ACTIVE");
        assertThat(present("#verification-panel #request-code")).isFalse();
        given().baseUri(platform.simulator())
                .get("/control/cloud-numbers/{id}", numberId)
                .then()
                .statusCode(200)
                .body("requestedMethod", equalTo("VOICE"))
                .body("verified", equalTo(true));
    }

    @Test
    void anAdminAddsACuratorAndSeesTheTestNotificationDelivered() throws Exception {
        String account = "console-" + UUID.randomUUID().toString().substring(0, 8);
        signIn(platform.token(account));
        click(By.linkText("Account"));
        await().atMost(STEP).until(() -> text("#curators").contains("No curators"));

        browser.findElement(By.xpath("//summary[text()='Add a curator']")).click();
        WebElement form = browser.findElement(By.cssSelector("form.new-curator"));
        form.findElement(By.name("name")).sendKeys("Night shift");
        form.findElement(By.name("webhookUrl")).sendKeys(receiver.url("/console-curator"));
        form.findElement(By.cssSelector("button.add-curator")).click();
        await().atMost(STEP).until(() -> present("#curators article"));
        assertThat(text("#notices")).contains("The webhook secret, shown once: whsec_");

        click(By.cssSelector("#curators button.test-curator"));
        await().atMost(STEP).until(() -> present("#curators .test-result li[data-state='DELIVERED']"));
        assertThat(text("#curators .test-result")).contains("Webhook: Delivered");
        assertThat(receiver.requests("/console-curator")).hasSize(1);
        assertThat(receiver.requests("/console-curator").get(0).body()).contains("Night shift");
        screenshot("curators");
    }

    // --- the browser

    private static void signIn(String token) {
        browser.get(platform.console() + "#/sign-in");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        await().atMost(STEP).until(() -> present("#token"));
        WebElement field = browser.findElement(By.id("token"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", field, token);
        browser.findElement(By.id("sign-in")).click();
        await().atMost(STEP).until(() -> present("#fleet") && text("h1").equals("Fleet"));
    }

    private static void record(String kind, String amount, String currency, String reason) {
        click(By.cssSelector("#entry-kind option[value='" + kind + "']"));
        for (String[] field :
                List.of(new String[] {"entry-amount", amount}, new String[] {"entry-currency", currency}, new String[] {
                    "entry-reason", reason
                })) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.findElement(By.id("record-entry")).click();
    }

    private static void dismissNotices() {
        browser.executeScript("document.querySelectorAll('.notice').forEach(n => n.remove())");
    }

    private static boolean present(String css) {
        return !browser.findElements(By.cssSelector(css)).isEmpty();
    }

    /** The element's text as the reader sees it, read in one step (the page redraws what changed). */
    private static String text(String css) {
        Object text = browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css);
        return String.valueOf(text).trim();
    }

    /** Clicks the element, found again if the page redrew it in between. */
    private static void click(By by) {
        await().atMost(STEP)
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(by).click();
                    return true;
                });
    }

    private static void awaitStatus(String css, String status) {
        await().atMost(STEP).until(() -> present(css + " .badge[data-status='" + status + "']"));
    }

    /** A mark on the page's window, gone if the page is ever loaded again. */
    private static void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
    }

    private static void assertPageNotReloaded() {
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true"))
                .as("the page followed the channel without being loaded again")
                .isEqualTo(Boolean.TRUE);
    }

    /** At a phone's width the page needs no sideways scrolling. */
    private static void assertReadableOnAPhone() throws IOException {
        Dimension laptop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            // Nothing wider than the screen, not even the fleet's table in its own scroll box.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Boolean.TRUE.equals(
                            browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"
                                    + " && [...document.querySelectorAll('.table-wrap')]"
                                    + ".every(box => box.scrollWidth <= box.clientWidth)")));
            screenshot("fleet-phone");
        } finally {
            browser.manage().window().setSize(laptop);
        }
    }

    /** The whole page (up to 2,400 pixels high), through Chromium's own capture beyond the window. */
    @SuppressWarnings("unchecked")
    private static void screenshot(String name) throws IOException {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width =
                ((Number) ((Map<String, Object>) metrics.get("cssLayoutViewport")).get("clientWidth")).doubleValue();
        double height = Math.min(2400, ((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = browser.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        byte[] png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
        List<Path> folders = new ArrayList<>(List.of(Path.of("target/console-screenshots")));
        String wanted = System.getProperty("console.screenshots", "");
        if (!wanted.isBlank()) {
            Path folder = Path.of(wanted);
            folders.add(
                    folder.isAbsolute()
                            ? folder
                            : Path.of(System.getProperty("switchboard.root")).resolve(folder));
        }
        for (Path folder : folders) {
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), png);
        }
    }

    // --- the platform, as integrators and the phone act on it

    private static void openAccount(String account, String balance) {
        given().baseUri(platform.billingService())
                .auth()
                .oauth2(platform.opsToken())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        account,
                        "name",
                        "Console " + account,
                        "currency",
                        "USD",
                        "timeZone",
                        "UTC",
                        "tariff",
                        "0.01",
                        "openingBalance",
                        balance))
                .post("/v1/accounts")
                .then()
                .statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse send(
            String token, String channel, String client, String text) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("chatId", client, "text", text))
                .post("/v1/channels/{id}/messages", channel)
                .then();
    }

    /** The queue learns a status from Kafka a moment after channel-service has it: a send before would not be held. */
    private static void awaitQueueKnows(String token, String channel, String status) {
        await().atMost(STEP)
                .until(() -> status.equals(given().baseUri(platform.queueService())
                        .auth()
                        .oauth2(token)
                        .get("/v1/channels/{id}/queue", channel)
                        .then()
                        .extract()
                        .path("status")));
    }

    private static void messageState(String token, String message, String state) {
        given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/messages/{id}", message)
                .then()
                .statusCode(200)
                .body("state", equalTo(state));
    }

    private static void simulator(String path, String session) {
        given().baseUri(platform.simulator()).post(path, session).then().statusCode(200);
    }

    private static List<String> received(String client) throws IOException {
        JsonNode all = JSON.readTree(given().baseUri(platform.simulator())
                .queryParam("to", client)
                .get("/control/messages")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> bodies = new ArrayList<>();
        all.forEach(message -> bodies.add(message.path("body").asText()));
        return bodies;
    }
}
