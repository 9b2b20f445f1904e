package io.switchboard.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServicesStub.class)
class ApiPassageTest {

    private static final String TOKEN = "Bearer header.claims.signature";

    @BeforeEach
    void reset() {
        ServicesStub.server.resetAll();
    }

    @Test
    void aCallReachesTheServiceWithTheUsersTokenAndItsAnswerComesBackAsGiven() {
        ServicesStub.server.stubFor(get(urlEqualTo("/v1/channels?status=ACTIVE&size=200"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Set-Cookie", "tracking=1")
                        .withBody("{\"items\":[],\"total\":0}")));

        given().header("Authorization", TOKEN)
                .header("Cookie", "session=secret")
                .get("/console/api/channel/v1/channels?status=ACTIVE&size=200")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .header("Set-Cookie", (String) null)
                .body("total", org.hamcrest.Matchers.equalTo(0));

        ServicesStub.server.verify(getRequestedFor(urlEqualTo("/v1/channels?status=ACTIVE&size=200"))
                .withHeader("Authorization", WireMock.equalTo(TOKEN))
                .withoutHeader("Cookie"));
    }

    @Test
    void aRefusalIsPassedBackUnchangedWithItsProblemAndTheBodyAndKeyGoThrough() {
        ServicesStub.server.stubFor(post(urlEqualTo("/v1/channels/c-1/messages"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody(
                                "{\"title\":\"Channel cannot send\",\"status\":409,\"detail\":\"Scan the QR code\"}")));

        given().header("Authorization", TOKEN)
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body("{\"chatId\":\"+14155550101\",\"text\":\"hello\"}")
                .post("/console/api/queue/v1/channels/c-1/messages")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("Scan the QR code"));

        ServicesStub.server.verify(postRequestedFor(urlEqualTo("/v1/channels/c-1/messages"))
                .withHeader("Idempotency-Key", WireMock.equalTo("k-1"))
                .withRequestBody(equalToJson("{\"chatId\":\"+14155550101\",\"text\":\"hello\"}")));
    }

    @Test
    void onlyTheFourServicesV1ApisAreReachable() {
        given().get("/console/api/payments/v1/anything")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("billing, channel, notification, queue"));
        given().get("/console/api/channel/q/metrics").then().statusCode(404).body("title", equalTo("Not an API path"));
        given().urlEncodingEnabled(false)
                .get("/console/api/channel/v1/../q/metrics")
                .then()
                .statusCode(404)
                .body("title", equalTo("Not an API path"));

        assertThat(ServicesStub.server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aServiceThatIsDownOrSlowIsAProblemInWords() {
        given().header("Authorization", TOKEN)
                .get("/console/api/billing/v1/accounts/acme/billing")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("title", equalTo("The service cannot be reached"))
                .body("detail", containsString("billing"));

        ServicesStub.server.stubFor(get(urlEqualTo("/v1/curators"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(4_000).withBody("{}")));
        given().header("Authorization", TOKEN)
                .get("/console/api/notification/v1/curators")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("title", equalTo("The service did not answer in time"));
    }
}
