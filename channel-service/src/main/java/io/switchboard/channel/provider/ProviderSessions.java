package io.switchboard.channel.provider;

import io.switchboard.channel.store.Channel;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Opens provider sessions for channels, telling the provider where to post the channel's webhooks. */
@ApplicationScoped
public class ProviderSessions {

    /** The header that carries the channel's webhook secret on every webhook the provider posts. */
    public static final String WEBHOOK_SECRET_HEADER = "X-Webhook-Secret";

    private final ProviderApi provider;
    private final ProviderMessages messages;
    private final ProviderSettings settings;

    public ProviderSessions(
            @RestClient ProviderApi provider, @RestClient ProviderMessages messages, ProviderSettings settings) {
        this.provider = provider;
        this.messages = messages;
        this.settings = settings;
    }

    /**
     * Sends a delivery probe from the session to {@code to}; returns the provider's message id (null if it gave
     * none). Throws what the provider answered; the same key again sends nothing new.
     */
    public String sendProbe(String providerChannelId, String idempotencyKey, String to, String text) {
        ProviderMessages.SentText sent =
                messages.sendText(providerChannelId, idempotencyKey, new ProviderMessages.TextMessage(to, text));
        return sent == null || sent.message() == null ? null : sent.message().id();
    }

    /** Restarts the channel's provider session; a refusal or an unreachable provider is a 502/503 problem. */
    public void restart(String providerChannelId) {
        operatorCall("restart", () -> provider.restart(providerChannelId));
    }

    /** Logs the channel's WhatsApp account out of its provider session; failures as for {@link #restart}. */
    public void logout(String providerChannelId) {
        operatorCall("logout", () -> provider.logout(providerChannelId));
    }

    /** Time-outs are the REST client's ({@code quarkus.rest-client.provider.read-timeout}). */
    private static void operatorCall(String operation, Runnable call) {
        try {
            call.run();
        } catch (WebApplicationException e) {
            throw new ProblemException(Problem.of(
                            502,
                            "provider-refused",
                            "The provider refused the request",
                            "The provider answered " + operation + " with HTTP "
                                    + e.getResponse().getStatus() + "; nothing was changed")
                    .with("operation", operation)
                    .with("providerStatus", e.getResponse().getStatus()));
        } catch (ProcessingException e) {
            throw new ProblemException(Problem.of(
                            503,
                            "provider-unavailable",
                            "The provider is not reachable",
                            "The provider could not be called for " + operation + "; nothing was changed, try again")
                    .with("operation", operation)
                    .retryAfter(30));
        }
    }

    /** One "Enable here" attempt; throws what the provider answered if it did not take the number back. */
    public void takeOver(String providerChannelId) {
        provider.takeOver(providerChannelId);
    }

    /** Restarts the session for the watchdog; throws what the provider answered if it did not. */
    public void restartSession(String providerChannelId) {
        provider.restart(providerChannelId);
    }

    /** The session's health for a check; throws what the provider answered if it did not tell. */
    public ProviderApi.ProviderHealth health(String providerChannelId) {
        return provider.health(providerChannelId);
    }

    /** Where the provider posts the channel's webhooks. */
    public String webhookUrl(String channelId) {
        return settings.webhook().baseUrl() + "/v1/provider/webhooks/" + channelId;
    }

    /** Creates the provider session; returns the provider's channel id. */
    @Retry(maxRetries = 2, delay = 200)
    @Timeout(15_000)
    public String open(Channel channel) {
        String url = webhookUrl(channel.id);
        return provider.createChannel(new ProviderApi.CreateProviderChannel(
                        channel.name,
                        channel.phone,
                        new ProviderApi.Webhook(url, Map.of(WEBHOOK_SECRET_HEADER, channel.webhookSecret))))
                .id();
    }
}
