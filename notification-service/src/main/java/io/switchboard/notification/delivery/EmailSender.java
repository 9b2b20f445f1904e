package io.switchboard.notification.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sends an email attempt over SMTP; delivered once the server accepts it. Never fails: a refusal is an answer. */
@ApplicationScoped
class EmailSender {

    /** Carried on every email: the delivery's id, the same on every attempt, by which a repeat can be told. */
    static final String NOTIFICATION_ID_HEADER = "X-Switchboard-Notification-Id";

    private final ReactiveMailer mailer;
    private final ObjectMapper json;
    private final DeliverySettings settings;

    EmailSender(ReactiveMailer mailer, ObjectMapper json, DeliverySettings settings) {
        this.mailer = mailer;
        this.json = json;
        this.settings = settings;
    }

    CompletionStage<Answer> send(Attempt attempt) {
        JsonNode mail;
        try {
            mail = json.readTree(attempt.payload());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Answer.lasting("the email cannot be read: " + e.getMessage()));
        }
        Mail message = Mail.withText(
                        attempt.address(),
                        mail.path("subject").asText(),
                        mail.path("text").asText())
                .addHeader(NOTIFICATION_ID_HEADER, attempt.id().toString());
        return mailer.send(message)
                .ifNoItem()
                .after(settings.timeout())
                .fail()
                .map(sent -> Answer.emailAccepted())
                .onFailure()
                .recoverWithItem(error -> Answer.failed("SMTP: " + error))
                .subscribeAsCompletionStage();
    }
}
