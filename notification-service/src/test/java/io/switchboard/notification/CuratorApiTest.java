package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Curators: who of an account is told what, about which channels, by email and/or webhook. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CuratorApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aCuratorWithAWebhookGetsItsSecretOnceAndKeepsItWhenChanged() {
        String account = account();
        ValidatableResponse created = create(
                        account,
                        Map.of(
                                "name",
                                "Ops desk",
                                "email",
                                "Desk@Example.com",
                                "webhookUrl",
                                "https://hooks.example.com/switchboard",
                                "kinds",
                                List.of("CHANNEL_STATUS", "NOT_PAID")))
                .statusCode(201)
                .header("Location", containsString("/v1/curators/"))
                .body("email", equalTo("desk@example.com"))
                .body("allChannels", equalTo(true))
                .body("channelIds", hasSize(0))
                .body("kinds", equalTo(List.of("CHANNEL_STATUS", "NOT_PAID")))
                .body("hasWebhookSecret", equalTo(true))
                .body("webhookSecret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="));
        String id = created.extract().path("id");

        given().auth()
                .oauth2(token(account))
                .get("/v1/curators/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Ops desk"))
                .body("hasWebhookSecret", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("webhookSecret")));
        String channel = UUID.randomUUID().toString();
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Ops desk",
                        "webhookUrl",
                        "https://hooks.example.com/v2",
                        "allChannels",
                        false,
                        "channelIds",
                        List.of(channel)))
                .put("/v1/curators/" + id)
                .then()
                .statusCode(200)
                .body("email", equalTo(null))
                .body("channelIds", equalTo(List.of(channel)))
                .body("allChannels", equalTo(false))
                .body("kinds", hasSize(10))
                .body("$", not(org.hamcrest.Matchers.hasKey("webhookSecret")));
        given().auth()
                .oauth2(token(account))
                .get("/v1/curators")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)));

        given().auth()
                .oauth2(token(account))
                .delete("/v1/curators/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(token(account))
                .get("/v1/curators/" + id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void anEmailOrWebhookTheAccountAlreadyHasIsAConflict() {
        String account = account();
        create(account, Map.of("name", "A", "email", "a@example.com")).statusCode(201);
        create(account, Map.of("name", "B", "email", "A@EXAMPLE.com"))
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", containsString("curator-exists"));
        create(account, Map.of("name", "C", "webhookUrl", "https://hooks.example.org/x"))
                .statusCode(201);
        create(account, Map.of("name", "D", "webhookUrl", "https://hooks.example.org/x"))
                .statusCode(409);
        create(account(), Map.of("name", "Elsewhere", "email", "a@example.com")).statusCode(201); // another account
        given().auth().oauth2(token(account)).get("/v1/curators").then().body("items.name", equalTo(List.of("A", "C")));
    }

    @Test
    void webhooksMustNotReachIntoTheNetworkAndEmailsMustBeReal() {
        String account = account();
        for (String url : List.of(
                "http://hooks.example.com/x",
                "https://localhost/x",
                "https://127.0.0.1/x",
                "https://10.1.2.3/x",
                "https://192.168.0.10/x",
                "https://172.16.5.5/x",
                "https://169.254.169.254/latest",
                "https://100.64.0.1/x",
                "https://[::1]/x",
                "https://[fd00::1]/x",
                "https://0.0.0.0/x",
                "https://metadata.internal/x",
                "https://printer.local/x",
                "https://intranet/x",
                "https://user:pw@hooks.example.com/x",
                "ftp://hooks.example.com/x",
                "not a url",
                // special-purpose blocks and the IPv6 forms that carry an IPv4 address, invalid ports
                "https://[64:ff9b::a9fe:a9fe]/x",
                "https://[2002:a9fe:a9fe::]/x",
                "https://[::127.0.0.1]/x",
                "https://[::ffff:0:127.0.0.1]/x",
                "https://[::ffff:127.0.0.1]/x",
                "https://198.18.0.1/x",
                "https://192.0.0.8/x",
                "https://240.0.0.1/x",
                "https://255.255.255.255/x",
                "https://2130706433/x",
                "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x",
                "https://hooks.example.com:0/x",
                "https://hooks.example.com:99999/x")) {
            create(account, Map.of("name", "X", "webhookUrl", url))
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("violations.field", hasItem("webhookUrl"));
        }
        for (String email : List.of("no-at-sign", "a@b", "a b@example.com", "a@example..com", "@example.com")) {
            create(account, Map.of("name", "X", "email", email))
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("violations.field", hasItem(containsString("email")));
        }
        create(account, Map.of("name", "Nobody")).statusCode(400).contentType(PROBLEM);
        create(account, Map.of("name", "X", "email", "x@example.com", "allChannels", false))
                .statusCode(400);
        create(account, Map.of("name", "X", "email", "x@example.com", "channelIds", List.of("not-a-uuid")))
                .statusCode(400);
        create(
                        account,
                        Map.of(
                                "name",
                                "X",
                                "email",
                                "x@example.com",
                                "allChannels",
                                true,
                                "channelIds",
                                List.of(UUID.randomUUID().toString())))
                .statusCode(400);
        create(account, Map.of("name", "X", "email", "x@example.com", "kinds", List.of()))
                .statusCode(400);
        create(account, Map.of("name", "X", "email", "x@example.com", "kinds", List.of("GOSSIP")))
                .statusCode(400);
        create(account, Map.of("name", "X", "email", "x@example.com", "mail", "typo"))
                .statusCode(400);
        given().auth()
                .oauth2(token(account))
                .get("/v1/curators")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        // a public address is fine
        create(account, Map.of("name", "Public", "webhookUrl", "https://93.184.215.14/hook"))
                .statusCode(201);
    }

    @Test
    void oneAccountNeverSeesOrChangesAnothersCurators() {
        String mine = account();
        String theirs = account();
        String id = create(theirs, Map.of("name", "Theirs", "email", "t@example.com"))
                .statusCode(201)
                .extract()
                .path("id");
        given().auth().oauth2(token(mine)).get("/v1/curators/" + id).then().statusCode(404);
        given().auth()
                .oauth2(token(mine))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Mine", "email", "m@example.com"))
                .put("/v1/curators/" + id)
                .then()
                .statusCode(404);
        given().auth().oauth2(token(mine)).delete("/v1/curators/" + id).then().statusCode(404);
        given().auth().oauth2(token(mine)).get("/v1/curators").then().body("items", hasSize(0));
        given().auth()
                .oauth2(token(theirs))
                .get("/v1/curators/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Theirs"));
        given().get("/v1/curators").then().statusCode(401);
        assertThat(id).isNotBlank();
    }

    private static ValidatableResponse create(String account, Map<String, ?> body) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(new HashMap<>(body))
                .post("/v1/curators")
                .then();
    }

    private static String account() {
        return "curators-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }
}
