package io.switchboard.testkit.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Walks every operation of a running service's OpenAPI document ({@code /q/openapi}) and sends it bad requests: no,
 * broken, expired and another account's tokens; control characters, malformed UTF-8, over-long and unknown ids; query
 * values out of range or of the wrong type; malformed JSON, a body of the wrong JSON type, every field of the wrong
 * type, missing, null, with NUL or an escape sequence, longer than documented; an unknown field; a URL, headers and a
 * body over the limits.
 *
 * <p>Every answer must be a 4xx {@code application/problem+json} with a problem type of the platform and its status,
 * that does not echo the input whole; a request with another account's token is refused as if the resource did not
 * exist; and what the account has stored is the same after an operation's probes as before. An operation added to a
 * service is probed without a change here.
 */
public final class BadInputMatrix {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_TYPES = "https://switchboard.io/problems/";
    /** An answer longer than this echoes the input (the probes send up to 4.3 MB). */
    private static final int MAX_ANSWER = 8_192;

    /**
     * What the matrix needs of a service.
     *
     * @param base the service's address, e.g. {@code http://localhost:8081}
     * @param ownToken a token of the account that owns {@code pathValues}
     * @param otherAccountToken a token of another account (not ops)
     * @param expiredToken an expired token of the owning account
     * @param pathValues a value of each path parameter, by name, that exists for the owning account
     * @param examples a good body per operation ({@link Operation#key()}); others are made from the schema
     * @param itemsRefusedAlone operations whose list items are refused one by one (a batch): their items are probed
     *        by the service's own tests
     * @param scope the operations probed (by {@link Operation#key()}): all, or those an operator's token is for
     * @param storedState what the owning account has stored, as one comparable text
     */
    public record Setup(
            URI base,
            String ownToken,
            String otherAccountToken,
            String expiredToken,
            Map<String, String> pathValues,
            Map<String, JsonNode> examples,
            Set<String> itemsRefusedAlone,
            Predicate<String> scope,
            Supplier<String> storedState) {

        /** The same setup for the operations {@code scope} takes, probed with {@code token} as the owner's. */
        public Setup as(String token, Predicate<String> scope) {
            return new Setup(
                    base,
                    token,
                    otherAccountToken,
                    expiredToken,
                    pathValues,
                    examples,
                    itemsRefusedAlone,
                    scope,
                    storedState);
        }
    }

    /** What came back, and why it breaks the rule. */
    public record Finding(String probe, int status, String contentType, String answer, String broken) {

        @Override
        public String toString() {
            return probe + " -> " + status + " " + contentType + ": " + broken + "\n      " + answer;
        }
    }

    /** The findings of a run, and how many operations and probes it covered. */
    public record Report(List<Operation> operations, int probes, List<Finding> findings, List<String> schemaFindings) {

        public String summary() {
            StringBuilder text = new StringBuilder(operations.size() + " operations, " + probes + " probes, "
                    + findings.size() + " findings, " + schemaFindings.size() + " schema findings");
            schemaFindings.forEach(finding -> text.append("\n  schema: ").append(finding));
            findings.forEach(finding -> text.append("\n  ").append(finding));
            return text.toString();
        }
    }

    private final Setup setup;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public BadInputMatrix(Setup setup) {
        this.setup = setup;
    }

    public Report run() {
        JsonNode document = openApi();
        if (System.getProperty("matrix.dump") != null) {
            try {
                java.nio.file.Files.writeString(
                        java.nio.file.Path.of(System.getProperty("matrix.dump")), document.toPrettyString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Operation> operations = Operation.of(document).stream()
                .filter(operation -> setup.scope().test(operation.key()))
                .toList();
        List<Finding> findings = new ArrayList<>();
        List<String> schemaFindings = new ArrayList<>();
        int count = 0;
        for (Operation operation : operations) {
            List<Probe> probes = Probes.of(setup, operation, schemaFindings);
            String before = setup.storedState().get();
            for (Probe probe : probes) {
                count++;
                Finding finding = judge(probe, send(probe));
                if (finding != null) {
                    findings.add(finding);
                }
            }
            String after = setup.storedState().get();
            if (!Objects.equals(before, after)) {
                findings.add(new Finding(
                        operation.key() + " [all probes]", 0, "", "", "the account's stored state changed"));
            }
        }
        return new Report(operations, count, findings, schemaFindings);
    }

    private JsonNode openApi() {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(setup.base().resolve("/q/openapi?format=json"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> send(Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(setup.base() + probe.target()))
                .timeout(Duration.ofSeconds(30))
                .method(
                        probe.method(),
                        probe.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        probe.headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + probe, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Finding judge(Probe probe, HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        if (status < 400 || status >= 500) {
            return new Finding(probe.toString(), status, contentType, shown, "not a 4xx");
        }
        if (probe.refusedAsAnotherAccount() && status != 401 && status != 403 && status != 404) {
            return new Finding(
                    probe.toString(), status, contentType, shown, "another account's resource was not hidden");
        }
        if (!contentType.startsWith("application/problem+json")) {
            return new Finding(probe.toString(), status, contentType, shown, "not application/problem+json");
        }
        if (body.length() > MAX_ANSWER) {
            return new Finding(
                    probe.toString(),
                    status,
                    contentType,
                    shown,
                    "an answer of " + body.length() + " characters: the input is echoed");
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (!problem.path("type").asText().startsWith(PROBLEM_TYPES)
                    || problem.path("status").asInt() != status
                    || problem.path("title").asText().isBlank()) {
                return new Finding(probe.toString(), status, contentType, shown, "not a problem of the platform");
            }
        } catch (IOException e) {
            return new Finding(probe.toString(), status, contentType, shown, "not JSON");
        }
        return null;
    }
}
