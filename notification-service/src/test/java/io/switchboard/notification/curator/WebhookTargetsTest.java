package io.switchboard.notification.curator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.problem.ProblemException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a curator's webhook may point, and how its host is resolved: a plain unit test, no service. */
@Tag("fast")
class WebhookTargetsTest {

    private final HostResolver publicDns = new HostResolver(
            host -> new InetAddress[] {InetAddress.getByName("93.184.215.14")}, Duration.ofSeconds(1), 2);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.1",
                "10.9.8.7",
                "100.100.1.1",
                "127.0.0.2",
                "169.254.169.254",
                "172.31.0.1",
                "192.0.0.8",
                "192.0.2.1",
                "192.88.99.1",
                "192.168.1.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.251",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::127.0.0.1",
                "::ffff:0:7f00:1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::1",
                "100::1",
                "2001::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "2001:db8::1",
                "2002:a9fe:a9fe::",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "3fff::1",
                "5f00::1"
            })
    void everySpecialPurposeAddressIsRefused(String literal) throws UnknownHostException {
        assertThat(SpecialAddresses.of(InetAddress.getByName(literal)))
                .as(literal)
                .isPresent();
        assertThatThrownBy(() -> WebhookTargets.check(
                        "https://" + (literal.contains(":") ? "[" + literal + "]" : literal) + "/hook",
                        false,
                        publicDns))
                .isInstanceOf(ProblemException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "1.1.1.1",
                "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
                "2a00:1450:4001:80b::200e"
            })
    void publicAddressesAreAccepted(String literal) throws UnknownHostException {
        assertThat(SpecialAddresses.of(InetAddress.getByName(literal)))
                .as(literal)
                .isEmpty();
        assertThat(WebhookTargets.check(
                        "https://" + (literal.contains(":") ? "[" + literal + "]" : literal) + "/hook",
                        false,
                        publicDns))
                .startsWith("https://");
    }

    @Test
    void aNameIsCheckedByEveryAddressItResolvesToAndPortsAreRealOnes() {
        HostResolver oneBad = new HostResolver(
                host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.1")},
                Duration.ofSeconds(1),
                2);
        assertThatThrownBy(() -> WebhookTargets.check("https://hooks.example.com/x", false, oneBad))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("10.0.0.1");
        for (String port : List.of("0", "65536", "99999")) {
            assertThatThrownBy(() -> WebhookTargets.check("https://hooks.example.com:" + port + "/x", false, publicDns))
                    .as(port)
                    .hasMessageContaining("port");
        }
        assertThat(WebhookTargets.parse("https://hooks.example.com:8443/a/b?c=d", false))
                .satisfies(target -> {
                    assertThat(target.port()).isEqualTo(8443);
                    assertThat(target.pathAndQuery()).isEqualTo("/a/b?c=d");
                });
    }

    @Test
    void aNameThatResolvesElsewhereLaterIsRefusedAtTheDeliveryThatSeesIt() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = new HostResolver(
                host -> new InetAddress[] {
                    InetAddress.getByName(lookups.incrementAndGet() == 1 ? "93.184.215.14" : "169.254.169.254")
                },
                Duration.ofSeconds(1),
                2);
        String url = WebhookTargets.check("https://rebind.example.com/x", false, rebinding);
        List<InetAddress> atDelivery = rebinding
                .resolve(WebhookTargets.parse(url, false).host())
                .toCompletableFuture()
                .get();
        assertThat(WebhookTargets.refusal("rebind.example.com", atDelivery))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("169.254.169.254").contains("link-local"));
    }

    @Test
    void everyDeliveryResolvesAgainEvenWhenTheLookupAnswersAtOnce() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver instant = new HostResolver(
                host -> {
                    lookups.incrementAndGet();
                    return new InetAddress[] {InetAddress.getByName("93.184.215.14")};
                },
                Duration.ofSeconds(1),
                2);
        for (int delivery = 1; delivery <= 500; delivery++) {
            instant.resolve("instant.example.com").toCompletableFuture().join();
            assertThat(lookups.get())
                    .as("lookups after delivery %d: an ended lookup is never kept", delivery)
                    .isEqualTo(delivery);
        }
    }

    @Test
    void aHostWhoseDnsDoesNotAnswerHoldsOneThreadHoweverManyDeliveriesGoToIt() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver resolver = new HostResolver(
                slowFor("silent.example.com", Duration.ofSeconds(3), lookups), Duration.ofMillis(500), 2);
        List<CompletableFuture<List<InetAddress>>> silent = new java.util.ArrayList<>();
        for (int delivery = 0; delivery < 10; delivery++) {
            silent.add(resolver.resolve("silent.example.com").toCompletableFuture());
        }
        assertThat(resolver.resolve("other.example.com").toCompletableFuture().join())
                .as("another host, on the second of two threads")
                .hasSize(1);
        assertThat(lookups.get()).as("lookups of the silent host").isEqualTo(1);
        silent.forEach(lookup -> assertThatThrownBy(lookup::join).hasCauseInstanceOf(TimeoutException.class));
    }

    @Test
    void aSlowLookupAnswersWithinItsTimeOutAndHoldsUpNoOtherLookup() {
        HostResolver resolver = new HostResolver(
                slowFor("slow.example.com", Duration.ofSeconds(5), new AtomicInteger()), Duration.ofSeconds(1), 4);
        long start = System.nanoTime();
        CompletableFuture<List<InetAddress>> slow =
                resolver.resolve("slow.example.com").toCompletableFuture();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("resolve() does not block its caller")
                .isLessThan(Duration.ofMillis(500));
        assertThat(resolver.resolve("fast.example.com").toCompletableFuture().join())
                .hasSize(1);
        assertThat(slow.isDone())
                .as("the slow lookup is still going when the fast one answered")
                .isFalse();
        assertThatThrownBy(slow::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        // A name that does not resolve now is accepted at creation: every delivery resolves it again.
        assertThat(WebhookTargets.check("https://slow.example.com/x", false, resolver))
                .isEqualTo("https://slow.example.com/x");
    }

    /**
     * A DNS that answers every host at once with a public address, but takes {@code delay} (counted) for {@code slow}.
     */
    private static HostResolver.Lookup slowFor(String slow, Duration delay, AtomicInteger lookups) {
        return host -> {
            if (host.equals(slow)) {
                lookups.incrementAndGet();
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new InetAddress[] {InetAddress.getByName("93.184.215.14")};
        };
    }
}
