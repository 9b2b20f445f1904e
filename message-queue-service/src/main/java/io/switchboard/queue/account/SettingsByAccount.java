package io.switchboard.queue.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The accounts' own settings ({@code account_settings}); a missing row or a null column is the service's default. */
@ApplicationScoped
public class SettingsByAccount {

    private static final TypeReference<Map<ChannelStatus, SendPolicy>> POLICIES = new TypeReference<>() {};

    /**
     * The settings columns of {@code account_settings a}, named so that they can be read beside another table's
     * columns in one statement.
     */
    public static final String COLUMNS = """
            a.release_mode, a.default_ttl_seconds, a.min_gap_millis, a.backlog_gap_min_millis, a.backlog_gap_max_millis,
            a.cloud_api_rate, a.send_policy AS overrides""";

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final QueueDefaults defaults;
    private final Clock clock;

    public SettingsByAccount(Jdbc jdbc, ObjectMapper json, QueueDefaults defaults, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.defaults = defaults;
        this.clock = clock;
    }

    /** What the account set (nulls where it set nothing). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OwnSettings own(String accountId) {
        return jdbc.first(
                        "SELECT " + COLUMNS + " FROM account_settings a WHERE a.account_id = ?",
                        p -> p.string(accountId),
                        this::own)
                .orElse(OwnSettings.NONE);
    }

    /** The settings that apply to the account. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AccountSettings of(String accountId) {
        return effective(own(accountId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void save(String accountId, OwnSettings settings) {
        jdbc.update("""
                INSERT INTO account_settings (account_id, release_mode, default_ttl_seconds, min_gap_millis,
                    backlog_gap_min_millis, backlog_gap_max_millis, cloud_api_rate, send_policy, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (account_id) DO UPDATE SET release_mode = excluded.release_mode,
                    default_ttl_seconds = excluded.default_ttl_seconds, min_gap_millis = excluded.min_gap_millis,
                    backlog_gap_min_millis = excluded.backlog_gap_min_millis,
                    backlog_gap_max_millis = excluded.backlog_gap_max_millis, cloud_api_rate = excluded.cloud_api_rate,
                    send_policy = excluded.send_policy, updated_at = excluded.updated_at""", p -> {
            p.string(accountId)
                    .string(
                            settings.releaseMode() == null
                                    ? null
                                    : settings.releaseMode().name())
                    .integerOrNull(settings.defaultTtlSeconds())
                    .integerOrNull(settings.minGapMillis())
                    .integerOrNull(settings.backlogGapMinMillis())
                    .integerOrNull(settings.backlogGapMaxMillis())
                    .integerOrNull(settings.cloudApiRate())
                    .string(write(settings.sendPolicy()))
                    .instant(clock.instant());
        });
    }

    /** The settings that apply, given what the account set. */
    public AccountSettings effective(OwnSettings own) {
        QueueDefaults.Pacing pacing = defaults.pacing();
        return new AccountSettings(
                own.releaseMode() != null ? own.releaseMode() : defaults.releaseMode(),
                own.defaultTtlSeconds() != null ? Duration.ofSeconds(own.defaultTtlSeconds()) : defaults.defaultTtl(),
                own.minGapMillis() != null ? Duration.ofMillis(own.minGapMillis()) : pacing.minGap(),
                own.backlogGapMinMillis() != null
                        ? Duration.ofMillis(own.backlogGapMinMillis())
                        : pacing.backlogGapMin(),
                own.backlogGapMaxMillis() != null
                        ? Duration.ofMillis(own.backlogGapMaxMillis())
                        : pacing.backlogGapMax(),
                own.cloudApiRate() != null ? own.cloudApiRate() : pacing.cloudApiRate(),
                own.sendPolicy());
    }

    /**
     * Reads the account's own settings from a row that has the {@link #COLUMNS} (nulls where the account has no row).
     */
    public OwnSettings own(ResultSet row) throws SQLException {
        String mode = row.getString("release_mode");
        String policies = row.getString("overrides");
        return new OwnSettings(
                mode == null ? null : ReleaseMode.valueOf(mode),
                Jdbc.integerOrNull(row, "default_ttl_seconds"),
                Jdbc.integerOrNull(row, "min_gap_millis"),
                Jdbc.integerOrNull(row, "backlog_gap_min_millis"),
                Jdbc.integerOrNull(row, "backlog_gap_max_millis"),
                Jdbc.integerOrNull(row, "cloud_api_rate"),
                read(policies));
    }

    private Map<ChannelStatus, SendPolicy> read(String policies) {
        if (policies == null || policies.isBlank()) {
            return Map.of();
        }
        try {
            Map<ChannelStatus, SendPolicy> read = json.readValue(policies, POLICIES);
            return read.isEmpty() ? Map.of() : new EnumMap<>(read);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("account_settings.send_policy is not a status map: " + policies, e);
        }
    }

    private String write(Map<ChannelStatus, SendPolicy> policies) {
        try {
            return json.writeValueAsString(policies);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an account set for itself: null means the service's default. */
    public record OwnSettings(
            ReleaseMode releaseMode,
            Integer defaultTtlSeconds,
            Integer minGapMillis,
            Integer backlogGapMinMillis,
            Integer backlogGapMaxMillis,
            Integer cloudApiRate,
            Map<ChannelStatus, SendPolicy> sendPolicy) {

        static final OwnSettings NONE = new OwnSettings(null, null, null, null, null, null, Map.of());

        public OwnSettings withSendPolicy(Map<ChannelStatus, SendPolicy> policies) {
            return new OwnSettings(
                    releaseMode,
                    defaultTtlSeconds,
                    minGapMillis,
                    backlogGapMinMillis,
                    backlogGapMaxMillis,
                    cloudApiRate,
                    Map.copyOf(policies));
        }
    }
}
