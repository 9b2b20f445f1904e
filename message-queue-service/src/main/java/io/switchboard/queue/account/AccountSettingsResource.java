package io.switchboard.queue.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An account's queue settings: its send policy per status, release mode, default time-to-live and pacing. An account
 * administrator reaches only its own account; {@code ops} any.
 */
@Path("/v1/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class AccountSettingsResource {

    /** Ten minutes: a gap longer than that is a mistake, not pacing. */
    private static final int MAX_GAP_MILLIS = 600_000;

    private final SettingsByAccount settings;
    private final QueueDefaults defaults;
    private final CurrentAccount caller;

    public AccountSettingsResource(SettingsByAccount settings, QueueDefaults defaults, CurrentAccount caller) {
        this.settings = settings;
        this.defaults = defaults;
        this.caller = caller;
    }

    @GET
    @Path("/send-policy")
    @Transactional
    public SendPolicyView sendPolicy(@PathParam("accountId") String accountId) {
        return SendPolicyView.of(caller.authorised(accountId), settings.of(accountId));
    }

    /** Replaces the account's overrides; a status left out goes back to its default. */
    @PUT
    @Path("/send-policy")
    @Transactional
    public SendPolicyView replaceSendPolicy(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid SendPolicyRequest request) {
        caller.authorised(accountId);
        Map<ChannelStatus, SendPolicy> overrides = new EnumMap<>(ChannelStatus.class);
        request.overrides().forEach((status, policy) -> {
            if (status == null || policy == null) {
                throw new ProblemException(Problem.invalidField("overrides", "every status needs a policy"));
            }
            if (!SendPolicyOverrides.overridable(status)) {
                throw new ProblemException(Problem.invalidField(
                        "overrides." + status,
                        status
                                + " cannot be overridden (its policy is " + status.defaultSendPolicy()
                                + "); only statuses whose"
                                + " default is QUEUE or REJECT can"));
            }
            if (!SendPolicyOverrides.ALLOWED_POLICIES.contains(policy)) {
                throw new ProblemException(Problem.invalidField("overrides." + status, "must be QUEUE or REJECT"));
            }
            overrides.put(status, policy);
        });
        settings.save(accountId, settings.own(accountId).withSendPolicy(overrides));
        return SendPolicyView.of(accountId, settings.of(accountId));
    }

    @GET
    @Path("/queue-settings")
    @Transactional
    public QueueSettingsView queueSettings(@PathParam("accountId") String accountId) {
        caller.authorised(accountId);
        return QueueSettingsView.of(accountId, settings.own(accountId), settings.of(accountId));
    }

    /** Replaces the account's queue settings; a field left out (or null) is the service's default. */
    @PUT
    @Path("/queue-settings")
    @Transactional
    public QueueSettingsView replaceQueueSettings(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid QueueSettingsRequest request) {
        caller.authorised(accountId);
        if (request.defaultTtlSeconds() != null
                && request.defaultTtlSeconds() > defaults.maxTtl().toSeconds()) {
            throw new ProblemException(Problem.invalidField(
                    "defaultTtlSeconds",
                    "is at most " + defaults.maxTtl().toSeconds() + " (" + defaults.maxTtl() + ")"));
        }
        PacingRequest pacing = request.pacing() == null ? PacingRequest.NONE : request.pacing();
        SettingsByAccount.OwnSettings current = settings.own(accountId);
        SettingsByAccount.OwnSettings replaced = new SettingsByAccount.OwnSettings(
                request.releaseMode(),
                request.defaultTtlSeconds(),
                pacing.minGapMillis(),
                pacing.backlogGapMinMillis(),
                pacing.backlogGapMaxMillis(),
                pacing.cloudApiRatePerSecond(),
                current.sendPolicy());
        AccountSettings effective = settings.effective(replaced);
        if (effective.backlogGapMin().compareTo(effective.backlogGapMax()) > 0) {
            throw new ProblemException(Problem.invalidField(
                    "pacing.backlogGapMinMillis",
                    "is at most pacing.backlogGapMaxMillis ("
                            + effective.backlogGapMax().toMillis() + ")"));
        }
        settings.save(accountId, replaced);
        return QueueSettingsView.of(accountId, replaced, effective);
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SendPolicyRequest(
            @NotNull(message = "is required (status to QUEUE or REJECT; {} for none)")
            Map<ChannelStatus, SendPolicy> overrides) {}

    /**
     * @param overrides the account's own choices
     * @param statuses every status with its default and the policy that applies to this account
     */
    public record SendPolicyView(
            String accountId, Map<ChannelStatus, SendPolicy> overrides, List<StatusPolicy> statuses) {

        static SendPolicyView of(String accountId, AccountSettings settings) {
            return new SendPolicyView(
                    accountId,
                    settings.sendPolicy(),
                    Arrays.stream(ChannelStatus.values())
                            .map(status -> new StatusPolicy(
                                    status,
                                    status.defaultSendPolicy(),
                                    settings.policyFor(status, status.defaultSendPolicy()),
                                    SendPolicyOverrides.overridable(status)))
                            .toList());
        }
    }

    public record StatusPolicy(
            ChannelStatus status, SendPolicy defaultPolicy, SendPolicy policy, boolean overridable) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record QueueSettingsRequest(
            ReleaseMode releaseMode,
            @Min(value = 1, message = "is at least 1") Integer defaultTtlSeconds,
            @Valid PacingRequest pacing) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PacingRequest(
            @Min(value = 0, message = "is at least 0") @Max(value = MAX_GAP_MILLIS, message = "is at most 600000")
            Integer minGapMillis,

            @Min(value = 0, message = "is at least 0") @Max(value = MAX_GAP_MILLIS, message = "is at most 600000")
            Integer backlogGapMinMillis,

            @Min(value = 0, message = "is at least 0") @Max(value = MAX_GAP_MILLIS, message = "is at most 600000")
            Integer backlogGapMaxMillis,

            @Min(value = 1, message = "is at least 1") @Max(value = 1000, message = "is at most 1000")
            Integer cloudApiRatePerSecond) {

        static final PacingRequest NONE = new PacingRequest(null, null, null, null);
    }

    /**
     * @param own what the account set (null: the service's default)
     * @param effective what applies
     */
    public record QueueSettingsView(String accountId, Settings own, Settings effective) {

        static QueueSettingsView of(String accountId, SettingsByAccount.OwnSettings own, AccountSettings effective) {
            return new QueueSettingsView(
                    accountId,
                    new Settings(
                            own.releaseMode(),
                            own.defaultTtlSeconds() == null
                                    ? null
                                    : own.defaultTtlSeconds().longValue(),
                            new Pacing(
                                    longOrNull(own.minGapMillis()),
                                    longOrNull(own.backlogGapMinMillis()),
                                    longOrNull(own.backlogGapMaxMillis()),
                                    own.cloudApiRate())),
                    new Settings(
                            effective.releaseMode(),
                            effective.defaultTtl().toSeconds(),
                            new Pacing(
                                    effective.minGap().toMillis(),
                                    effective.backlogGapMin().toMillis(),
                                    effective.backlogGapMax().toMillis(),
                                    effective.cloudApiRate())));
        }

        private static Long longOrNull(Integer value) {
            return value == null ? null : value.longValue();
        }
    }

    public record Settings(ReleaseMode releaseMode, Long defaultTtlSeconds, Pacing pacing) {}

    public record Pacing(
            Long minGapMillis, Long backlogGapMinMillis, Long backlogGapMaxMillis, Integer cloudApiRatePerSecond) {}
}
