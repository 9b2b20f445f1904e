package io.switchboard.channel.timer;

import io.switchboard.platform.problem.ProblemException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;

/**
 * A call to the provider (or the Cloud API) that a timer decided on with the channel locked, made after the commit
 * with no lock held.
 *
 * @param operation what it does, for logs and announcements
 */
public record ProviderCall(String operation, Supplier<Answer> call) {

    /** DONE: the remote side did it. REFUSED: it answered no (4xx). UNAVAILABLE: no answer, 5xx or 429: retried. */
    public enum Outcome {
        DONE,
        REFUSED,
        UNAVAILABLE
    }

    /** @param value what a call that reads answered (DONE only), else null */
    public record Answer(Outcome outcome, String detail, Object value) {

        public static final Answer DONE = new Answer(Outcome.DONE, null);

        public Answer(Outcome outcome, String detail) {
            this(outcome, detail, null);
        }

        public boolean done() {
            return outcome == Outcome.DONE;
        }
    }

    /** A call made by running {@code request}: its exceptions are the answer. */
    public static ProviderCall of(String operation, Runnable request) {
        return new ProviderCall(operation, () -> answerOf(operation, request));
    }

    /** A call that reads: what {@code request} returns is the DONE answer's {@link Answer#value()}. */
    public static ProviderCall reading(String operation, Supplier<?> request) {
        return new ProviderCall(operation, () -> answerOf(operation, request));
    }

    /** Runs the request and tells how it went, without throwing. */
    public static Answer answerOf(String operation, Runnable request) {
        return answerOf(operation, () -> {
            request.run();
            return null;
        });
    }

    private static Answer answerOf(String operation, Supplier<?> request) {
        try {
            return new Answer(Outcome.DONE, null, request.get());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            Outcome outcome = status >= 500 || status == 429 ? Outcome.UNAVAILABLE : Outcome.REFUSED;
            return new Answer(outcome, operation + " answered HTTP " + status);
        } catch (ProblemException e) {
            // A client that answers for people already: 503 unreachable; 502 the remote side said no (or failed)
            Object upstream = e.problem()
                    .extensions()
                    .getOrDefault("cloudApiStatus", e.problem().extensions().get("providerStatus"));
            boolean passing = e.problem().status() == 503
                    || upstream instanceof Number status && (status.intValue() >= 500 || status.intValue() == 429);
            return new Answer(
                    passing ? Outcome.UNAVAILABLE : Outcome.REFUSED, e.problem().detail());
        } catch (ProcessingException e) {
            return new Answer(Outcome.UNAVAILABLE, operation + " could not be called: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Answer(Outcome.UNAVAILABLE, operation + " failed: " + e);
        }
    }

    Answer run() {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return new Answer(Outcome.UNAVAILABLE, operation + " failed: " + e);
        }
    }
}
