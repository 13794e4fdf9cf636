package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.alert.Alert;
import dev.keypool.alert.AlertService;
import dev.keypool.alert.AlertStore;
import dev.keypool.alert.RuleKind;
import dev.keypool.alert.RuleSettings;
import dev.keypool.alert.Severity;
import dev.keypool.alert.channel.AlertChannel;
import dev.keypool.alert.channel.DeliveryException;
import dev.keypool.storage.Blocking;
import io.vertx.ext.web.Router;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code /api/alerts}: the active alerts with their deliveries, the latest alerts (history), the channels
 * (targets masked: a webhook URL is a credential) and the rules in force; {@code POST /api/alerts/test}
 * sends a test message to one channel now and says whether it took it.
 */
final class AlertRoutes {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1_000;

  private final AlertService alerts;
  private final Blocking blocking;

  AlertRoutes(AlertService alerts, Blocking blocking) {
    this.alerts = alerts;
    this.blocking = blocking;
  }

  record DeliveryView(String channel, String event, String state, int attempts, Instant nextAttemptAt,
      String lastError, Instant sentAt) {
    static DeliveryView of(AlertStore.OutboxEntry e) {
      return new DeliveryView(e.channel(), e.notice().kind().wire(), e.state(), e.attempts(),
          "pending".equals(e.state()) ? e.nextAttemptAt() : null, e.lastError(), e.sentAt());
    }
  }

  record AlertView(String id, String rule, String subject, String severity, String title, String detail,
      String state, Instant openedAt, Instant lastNotifiedAt, Instant resolvedAt, int reminders,
      List<DeliveryView> deliveries) {
    static AlertView of(Alert a, List<DeliveryView> deliveries) {
      return new AlertView(a.id(), a.rule().wire(), a.subject(), a.severity().wire(), a.title(), a.detail(),
          a.active() ? "active" : "resolved", a.openedAt(), a.lastNotifiedAt(), a.resolvedAt(), a.reminders(),
          deliveries);
    }
  }

  record ChannelView(String name, String type, String target, List<String> severities, List<String> rules) {
    static ChannelView of(AlertChannel c) {
      return new ChannelView(c.name(), c.type().wire(), c.target(),
          c.severities().stream().map(Severity::wire).sorted().toList(),
          c.rules().stream().map(RuleKind::wire).sorted().toList());
    }
  }

  record RuleView(boolean enabled, String severity, BigDecimal threshold, String window, Integer minRequests,
      String holdFor) {
    static RuleView of(RuleKind k, RuleSettings s) {
      return new RuleView(s.enabled(), s.severity().wire(), s.threshold(),
          k.isRate() ? dev.keypool.config.Durations.format(s.window()) : null, k.isRate() ? s.minRequests() : null,
          dev.keypool.config.Durations.format(s.holdFor()));
    }
  }

  record Listing(boolean enabled, List<AlertView> active, List<AlertView> history, List<ChannelView> channels,
      Map<String, RuleView> rules) {}

  void mount(Router router) {
    router.get("/api/alerts").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      int limit = QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
      RuleKind rule = rule(rc.queryParams().get("rule"));
      AlertStore store = alerts.store();
      List<AlertView> active = store.active().stream().filter(a -> rule == null || a.rule() == rule)
          .map(a -> AlertView.of(a, store.deliveries(a.id()).stream().map(DeliveryView::of).toList())).toList();
      List<AlertView> history = store.recent(rule, limit).stream().map(a -> AlertView.of(a, null)).toList();
      Map<String, RuleView> rules = new TreeMap<>();
      alerts.config().rules().forEach((k, s) -> rules.put(k.wire(), RuleView.of(k, s)));
      return new Listing(alerts.config().enabled(), active, history,
          alerts.channels().all().stream().map(ChannelView::of).toList(), rules);
    }));
    router.post("/api/alerts/test").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      JsonNode body = AdminJson.body(rc);
      Fields.allowOnly(body, Set.of("channel"));
      JsonNode name = body.get("channel");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw AdminException.invalid("'channel' is required: the name of a configured alert channel.");
      }
      AlertChannel sent;
      try {
        sent = alerts.test(name.asText());
      } catch (DeliveryException e) {
        throw new AdminException(502, "channel_failed",
            "Channel '" + name.asText() + "' did not take the test message: " + e.getMessage());
      }
      if (sent == null) {
        throw AdminException.notFound("Alert channel", name.asText());
      }
      return Map.of("channel", sent.name(), "type", sent.type().wire(), "delivered", true);
    }));
  }

  private static RuleKind rule(String wire) {
    if (wire == null) {
      return null;
    }
    RuleKind k = RuleKind.of(wire);
    if (k == null) {
      throw AdminException.invalid("Unknown rule '" + wire + "'; rules are "
          + Arrays.stream(RuleKind.values()).map(RuleKind::wire).collect(Collectors.joining(", ")) + ".");
    }
    return k;
  }
}
