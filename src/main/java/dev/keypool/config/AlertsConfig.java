package dev.keypool.config;

import dev.keypool.alert.RuleKind;
import dev.keypool.alert.RuleSettings;
import dev.keypool.alert.Severity;
import dev.keypool.alert.channel.ChannelType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code alerts} section: how often rules are evaluated, how often an active alert is repeated,
 * how long an undelivered notice is retried (backing off from {@code retryMin} to {@code retryMax})
 * before it expires, how long history is kept, each rule's settings, and the channels.
 */
public record AlertsConfig(boolean enabled, Duration evaluateInterval, Duration reminderInterval,
    Duration deliveryExpiry, Duration retryMin, Duration retryMax, Duration historyRetention,
    Map<RuleKind, RuleSettings> rules, List<Channel> channels) {

  public AlertsConfig {
    EnumMap<RuleKind, RuleSettings> all = new EnumMap<>(RuleKind.class);
    for (RuleKind k : RuleKind.values()) {
      all.put(k, rules.getOrDefault(k, k.defaults()));
    }
    rules = Map.copyOf(all);
    channels = List.copyOf(channels);
  }

  /** Alerts on with every rule at its defaults and no channel (alerts are recorded, not sent). */
  public static AlertsConfig defaults() {
    return new AlertsConfig(true, ConfigDefaults.ALERT_EVALUATE_INTERVAL, ConfigDefaults.ALERT_REMINDER_INTERVAL,
        ConfigDefaults.ALERT_DELIVERY_EXPIRY, ConfigDefaults.ALERT_RETRY_MIN, ConfigDefaults.ALERT_RETRY_MAX,
        ConfigDefaults.ALERT_HISTORY_RETENTION, Map.of(), List.of());
  }

  public RuleSettings rule(RuleKind kind) {
    return rules.get(kind);
  }

  /**
   * One channel. {@code url} and {@code secret} are credentials (a webhook URL is one): they never
   * appear in {@link #toString}, logs or the API.
   *
   * @param severities the severities it takes, empty for all
   * @param rules the rules it takes, empty for all
   * @param smtp the mail server, for {@code email} only
   */
  public record Channel(String name, ChannelType type, String url, String secret, Set<Severity> severities,
      Set<RuleKind> rules, Smtp smtp) {
    public Channel {
      severities = Set.copyOf(severities);
      rules = Set.copyOf(rules);
    }

    @Override
    public String toString() {
      return "Channel[" + name + ", " + type.wire() + "]";
    }
  }

  /** How mail leaves: plain SMTP, STARTTLS (required, not opportunistic) or SMTP over SSL/TLS. */
  public enum SmtpSecurity { NONE, STARTTLS, SSL }

  /**
   * An SMTP server and the message's addresses; {@code password} is a secret.
   *
   * @param username empty for no authentication
   * @param sslTrust hosts whose certificate is trusted without checking ({@code *} for any), empty for none
   */
  public record Smtp(String host, int port, SmtpSecurity security, String username, String password, String from,
      List<String> to, String sslTrust) {
    public Smtp {
      to = List.copyOf(to);
    }

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + ", " + security + "]";
    }
  }
}
