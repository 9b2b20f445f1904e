package io.switchboard.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServicesStub.class)
class ConsolePagesTest {

    private static final Path PAGES = Path.of("src/main/resources/META-INF/resources/console");

    @Test
    void thePageAndItsScriptsComeFromTheJarWithAPolicyThatAllowsNothingElse() {
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", "/console/");
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", "/console/");
        given().get("/console/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Frame-Options", "DENY")
                .body(containsString("js/app.js"));
        for (String script :
                List.of("app", "api", "dom", "ui", "sign-in", "fleet", "channel", "account", "operators")) {
            given().get("/console/js/" + script + ".js")
                    .then()
                    .statusCode(200)
                    .contentType(containsString("javascript"));
        }
        given().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    /** No CDN: no page, script or style names another origin, and every module a script imports is served. */
    @Test
    void everythingThePagesLoadIsServedHere() throws IOException {
        Pattern remote =
                Pattern.compile("(src|href|import|from|url)\\s*[=(]?\\s*['\"]?(https?:)?//", Pattern.CASE_INSENSITIVE);
        Pattern imports = Pattern.compile("from '\\./([\\w-]+\\.js)'");
        try (Stream<Path> files = Files.walk(PAGES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(remote.matcher(text).find())
                        .as(file + " loads from another origin")
                        .isFalse();
                var imported = imports.matcher(text);
                while (imported.find()) {
                    assertThat(PAGES.resolve("js").resolve(imported.group(1)))
                            .as("imported by " + file)
                            .exists();
                }
            }
        }
    }
}
