package dev.keypool.settings;

import dev.keypool.alert.RuleKind;
import dev.keypool.alert.RuleSettings;
import dev.keypool.alert.channel.Masking;
import dev.keypool.config.AlertsConfig;

/**
 * The {@code alerts} section: schedule, every rule in force, and the channels with their URLs shown as
 * scheme and host only and their secrets masked (a webhook URL is a credential).
 */
final class AlertSettings {
  private AlertSettings() {}

  static void collect(AlertsConfig a, SettingsCollector out) {
    out.put("alerts.enabled", a.enabled());
    out.put("alerts.evaluate_interval", a.evaluateInterval());
    out.put("alerts.reminder_interval", a.reminderInterval());
    out.put("alerts.delivery_expiry", a.deliveryExpiry());
    out.put("alerts.retry_min", a.retryMin());
    out.put("alerts.retry_max", a.retryMax());
    out.put("alerts.history_retention", a.historyRetention());
    for (RuleKind k : RuleKind.values()) {
      RuleSettings s = a.rule(k);
      String path = "alerts.rules." + k.wire();
      out.put(path + ".enabled", s.enabled());
      out.put(path + ".severity", s.severity());
      if (s.threshold() != null) {
        out.put(path + ".threshold", s.threshold());
      }
      if (k.isRate()) {
        out.put(path + ".window", s.window());
        out.put(path + ".min_requests", s.minRequests());
      }
      out.put(path + ".hold_for", s.holdFor());
    }
    for (int i = 0; i < a.channels().size(); i++) {
      AlertsConfig.Channel c = a.channels().get(i);
      String path = "alerts.channels[" + i + "]";
      out.put(path + ".name", c.name());
      out.put(path + ".type", c.type());
      if (c.smtp() == null) {
        out.secret(path + ".url", Masking.target(c.url()));
      }
      out.secret(path + ".secret", Redaction.mask(c.secret()));
      out.put(path + ".severities", c.severities());
      out.put(path + ".rules", c.rules());
      if (c.smtp() != null) {
        AlertsConfig.Smtp m = c.smtp();
        out.put(path + ".smtp.host", m.host());
        out.put(path + ".smtp.port", m.port());
        out.put(path + ".smtp.security", m.security());
        out.put(path + ".smtp.username", m.username());
        out.secret(path + ".smtp.password", Redaction.mask(m.password()));
        out.put(path + ".smtp.from", m.from());
        out.put(path + ".smtp.to", m.to());
        out.put(path + ".smtp.ssl_trust", m.sslTrust());
      }
    }
  }
}
