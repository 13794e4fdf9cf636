package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.alert.RuleKind;
import dev.keypool.alert.Severity;
import dev.keypool.alert.channel.ChannelType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code alerts} section: schedule, rules over their defaults, channels and their checks. */
class AlertsConfigTest {

  @Test
  void by_default_alerts_are_on_every_rule_at_its_defaults_and_no_channel() {
    AlertsConfig c = TestConfigs.parse(TestConfigs.MINIMAL).alerts();
    assertThat(c).isEqualTo(AlertsConfig.defaults());
    assertThat(c.evaluateInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.rule(RuleKind.KEY_FAILURE_RATE).threshold()).isEqualByComparingTo("0.5");
    assertThat(c.rule(RuleKind.ROUTE_NO_USABLE_KEY).holdFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.channels()).isEmpty();
  }

  @Test
  void rules_and_channels_are_read_with_secrets_from_the_environment() {
    AlertsConfig c = ConfigLoader.parse(TestConfigs.MINIMAL + """
        alerts:
          reminder_interval: 1h
          rules:
            provider_failure_rate: { threshold: 0.1, window: 10m, min_requests: 5, severity: critical }
            key_disabled: { enabled: false }
          channels:
            - { name: ops, type: webhook, url: "${HOOK_URL}", secret: "${HOOK_SECRET}", severities: [warning, critical] }
            - { name: ding, type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=t", rules: [key_banned] }
            - name: mail
              type: email
              smtp: { host: smtp.example.com, security: ssl, username: u, password: "${SMTP_PASSWORD}",
                      from: keypool@example.com, to: [ops@example.com] }
        """, Map.of("HOOK_URL", "https://hooks.example.com/x", "HOOK_SECRET", "s1", "SMTP_PASSWORD", "p1")).alerts();
    assertThat(c.reminderInterval()).isEqualTo(Duration.ofHours(1));
    var rate = c.rule(RuleKind.PROVIDER_FAILURE_RATE);
    assertThat(rate.threshold()).isEqualByComparingTo("0.1");
    assertThat(rate.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rate.minRequests()).isEqualTo(5);
    assertThat(rate.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(c.rule(RuleKind.KEY_DISABLED).enabled()).isFalse();
    assertThat(c.rule(RuleKind.KEY_BANNED)).isEqualTo(RuleKind.KEY_BANNED.defaults());

    AlertsConfig.Channel ops = c.channels().get(0);
    assertThat(ops.type()).isEqualTo(ChannelType.WEBHOOK);
    assertThat(ops.url()).isEqualTo("https://hooks.example.com/x");
    assertThat(ops.secret()).isEqualTo("s1");
    assertThat(ops.severities()).isEqualTo(Set.of(Severity.WARNING, Severity.CRITICAL));
    assertThat(c.channels().get(1).rules()).isEqualTo(Set.of(RuleKind.KEY_BANNED));
    AlertsConfig.Smtp smtp = c.channels().get(2).smtp();
    assertThat(smtp.port()).as("SSL's port by default").isEqualTo(465);
    assertThat(smtp.password()).isEqualTo("p1");
    assertThat(smtp.to()).isEqualTo(List.of("ops@example.com"));
    assertThat(c.toString()).doesNotContain("hooks.example.com/x").doesNotContain("s1,").doesNotContain("p1");
  }

  @Test
  void fields_and_rules_can_be_set_from_the_environment() {
    AlertsConfig c = ConfigLoader.parse(TestConfigs.MINIMAL, Map.of("KEYPOOL__ALERTS__REMINDER_INTERVAL", "30m",
        "KEYPOOL__ALERTS__RULES__KEY_BANNED__ENABLED", "false")).alerts();
    assertThat(c.reminderInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.rule(RuleKind.KEY_BANNED).enabled()).isFalse();
  }

  @Test
  void bad_values_are_named() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        alerts:
          retry_min: 10m
          retry_max: 1m
          rules:
            key_exploded: {}
            route_failure_rate: { window: 2h, threshold: lots }
          channels:
            - { name: a, type: pager }
            - { name: b, type: slack }
            - { name: b, type: webhook, url: "ftp://x", severities: [loud] }
            - { name: m, type: email, smtp: { host: "" } }
        """, Map.of())).containsExactlyInAnyOrder(
        "alerts.retry_max: must be at least retry_min (10m)",
        "alerts.rules.key_exploded: unknown rule (allowed: key_banned, key_disabled, key_failure_rate,"
            + " provider_failure_rate, route_failure_rate, route_no_usable_key, writer_journaling, balance_low,"
            + " balance_days_left, quota_80, quota_95, oauth_refresh_failed)",
        "alerts.rules.route_failure_rate.threshold: must be a number >= 0 (was \"lots\")",
        "alerts.rules.route_failure_rate.window: must be 1m..60m (was 2h)",
        "alerts.channels[0].type: must be one of webhook, slack, feishu, dingtalk, wecom, email (was \"pager\")",
        "alerts.channels[1].url: required for a slack channel",
        "alerts.channels[2].severities: unknown severity \"loud\" (allowed: info, warning, critical)",
        "alerts.channels[2].url: must be an http:// or https:// URL",
        "alerts.channels[2].name: duplicate channel name \"b\" (also alerts.channels[1].name)",
        "alerts.channels[3].smtp.host: required for an email channel",
        "alerts.channels[3].smtp.from: required (the sender's address)",
        "alerts.channels[3].smtp.to: required (one or more addresses)");
  }
}
