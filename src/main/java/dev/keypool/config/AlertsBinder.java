package dev.keypool.config;

import dev.keypool.alert.FailureRates;
import dev.keypool.alert.RuleKind;
import dev.keypool.alert.RuleSettings;
import dev.keypool.alert.Severity;
import dev.keypool.alert.channel.ChannelType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Binds the {@code alerts} section to {@link AlertsConfig}. */
final class AlertsBinder {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private AlertsBinder() {}

  static AlertsConfig bind(FieldReader r) {
    AlertsConfig d = AlertsConfig.defaults();
    boolean enabled = r.bool("enabled", d.enabled());
    Duration evaluate = r.duration("evaluate_interval", d.evaluateInterval(), false);
    Duration reminder = r.duration("reminder_interval", d.reminderInterval(), false);
    Duration expiry = r.duration("delivery_expiry", d.deliveryExpiry(), false);
    Duration retryMin = r.duration("retry_min", d.retryMin(), false);
    Duration retryMax = r.duration("retry_max", d.retryMax(), false);
    Duration retention = r.duration("history_retention", d.historyRetention(), false);
    if (retryMax.compareTo(retryMin) < 0) {
      r.errors().add(r.path("retry_max"), "must be at least retry_min (" + Durations.format(retryMin) + ")");
    }
    Map<RuleKind, RuleSettings> rules = rules(r);
    List<AlertsConfig.Channel> channels = new ArrayList<>();
    Uniqueness names = new Uniqueness("channel name", false);
    for (FieldReader c : r.objects("channels")) {
      AlertsConfig.Channel channel = channel(c);
      if (channel != null) {
        names.check(r.errors(), c.path("name"), channel.name());
        channels.add(channel);
      }
    }
    r.finish();
    return new AlertsConfig(enabled, evaluate, reminder, expiry, retryMin, retryMax, retention, rules, channels);
  }

  private static Map<RuleKind, RuleSettings> rules(FieldReader r) {
    Map<RuleKind, RuleSettings> out = new EnumMap<>(RuleKind.class);
    for (var e : r.entries("rules").entrySet()) {
      RuleKind kind = RuleKind.of(e.getKey());
      FieldReader f = e.getValue();
      if (kind == null) {
        r.errors().add(f.path(), "unknown rule (allowed: " + allowedRules() + ")");
        continue;
      }
      RuleSettings def = kind.defaults();
      boolean enabled = f.bool("enabled", def.enabled());
      Severity severity = f.choice("severity", Severity.class, def.severity());
      BigDecimal threshold = def.threshold();
      if (threshold != null) {
        threshold = f.decimal("threshold", threshold, "a number");
      }
      Duration window = def.window();
      int minRequests = def.minRequests();
      if (kind.isRate()) {
        window = f.duration("window", window, false);
        if (window.compareTo(FailureRates.MAX_WINDOW) > 0 || window.toMinutes() < 1) {
          f.errors().add(f.path("window"), "must be 1m..60m (was " + Durations.format(window) + ")");
          window = def.window();
        }
        minRequests = f.integer("min_requests", minRequests, 1, 1_000_000);
      }
      Duration holdFor = f.duration("hold_for", def.holdFor(), true);
      f.finish();
      out.put(kind, new RuleSettings(enabled, severity, threshold, window, minRequests, holdFor));
    }
    return out;
  }

  private static AlertsConfig.Channel channel(FieldReader c) {
    String name = c.string("name", "").trim();
    if (!NAME.matcher(name).matches()) {
      c.errors().add(c.path("name"), name.isEmpty() ? "required"
          : "must be letters, digits, '_', '.' or '-' (at most 64, was \"" + name + "\")");
    }
    ChannelType type = c.choice("type", ChannelType.class, null);
    Set<Severity> severities = new LinkedHashSet<>();
    for (String s : c.strings("severities", List.of())) {
      Severity sev = Arrays.stream(Severity.values()).filter(v -> v.wire().equals(s)).findFirst().orElse(null);
      if (sev == null) {
        c.errors().add(c.path("severities"), "unknown severity \"" + s + "\" (allowed: info, warning, critical)");
      } else {
        severities.add(sev);
      }
    }
    Set<RuleKind> rules = new LinkedHashSet<>();
    for (String s : c.strings("rules", List.of())) {
      RuleKind k = RuleKind.of(s);
      if (k == null) {
        c.errors().add(c.path("rules"), "unknown rule \"" + s + "\" (allowed: " + allowedRules() + ")");
      } else {
        rules.add(k);
      }
    }
    String url = c.secret("url").trim();
    String secret = c.secret("secret");
    AlertsConfig.Smtp smtp = null;
    if (type == ChannelType.EMAIL) {
      smtp = smtp(c.object("smtp"));
    } else if (type != null) {
      if (url.isEmpty()) {
        c.errors().add(c.path("url"), "required for a " + type.wire() + " channel");
      } else if (!url.startsWith("https://") && !url.startsWith("http://")) {
        c.errors().add(c.path("url"), "must be an http:// or https:// URL");
      }
    }
    c.finish();
    return type == null ? null : new AlertsConfig.Channel(name, type, url, secret, severities, rules, smtp);
  }

  private static AlertsConfig.Smtp smtp(FieldReader s) {
    String host = s.string("host", "").trim();
    if (host.isEmpty()) {
      s.errors().add(s.path("host"), "required for an email channel");
    }
    AlertsConfig.SmtpSecurity security = s.choice("security", AlertsConfig.SmtpSecurity.class,
        AlertsConfig.SmtpSecurity.STARTTLS);
    int defaultPort = switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case SSL -> 465;
    };
    int port = s.integer("port", defaultPort, 1, 65535);
    String username = s.string("username", "");
    String password = s.secret("password");
    String from = s.string("from", "").trim();
    if (from.isEmpty()) {
      s.errors().add(s.path("from"), "required (the sender's address)");
    }
    List<String> to = s.strings("to", List.of());
    if (to.isEmpty()) {
      s.errors().add(s.path("to"), "required (one or more addresses)");
    }
    String sslTrust = s.string("ssl_trust", "");
    s.finish();
    return new AlertsConfig.Smtp(host, port, security, username, password, from, to, sslTrust);
  }

  private static String allowedRules() {
    return Arrays.stream(RuleKind.values()).map(RuleKind::wire).collect(Collectors.joining(", "));
  }
}
