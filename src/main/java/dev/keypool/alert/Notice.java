package dev.keypool.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Locale;

/**
 * What one message to a channel says: an alert opened, still active (a reminder), resolved, or a test.
 * Stored as JSON in the outbox ({@link #toJson}) and sent as is by the generic webhook.
 */
public record Notice(Kind kind, String alertId, String rule, String subject, Severity severity, String title,
    String detail, Instant openedAt, Instant resolvedAt, Instant at) {

  public enum Kind {
    OPENED, REMINDER, RESOLVED, TEST;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS)
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  static Notice of(Kind kind, Alert a, Instant at) {
    return new Notice(kind, a.id(), a.rule().wire(), a.subject(), a.severity(), a.title(), a.detail(), a.openedAt(),
        a.resolvedAt(), at);
  }

  /** A test message for the channel named {@code channel}. */
  public static Notice test(String channel, Instant at) {
    return new Notice(Kind.TEST, null, "test", "channel:" + channel, Severity.INFO,
        "Test message from Keypool", "Channel '" + channel + "' is set up: alerts will arrive here.", at, null, at);
  }

  /** One line for chat messages and e-mail subjects: {@code [CRITICAL] title} or {@code [RESOLVED] title}. */
  public String headline() {
    String tag = switch (kind) {
      case RESOLVED -> "RESOLVED";
      case TEST -> "TEST";
      case REMINDER -> severity.wire().toUpperCase(Locale.ROOT) + ", still active";
      case OPENED -> severity.wire().toUpperCase(Locale.ROOT);
    };
    return "[" + tag + "] " + title;
  }

  /** The plain-text message: headline, detail, then rule, subject and times. */
  public String text() {
    StringBuilder b = new StringBuilder(headline());
    if (detail != null && !detail.isBlank()) {
      b.append('\n').append(detail);
    }
    b.append("\nrule ").append(rule).append(", subject ").append(subject);
    if (kind != Kind.TEST) {
      b.append(", since ").append(openedAt);
    }
    if (resolvedAt != null) {
      b.append(", resolved ").append(resolvedAt);
    }
    return b.toString();
  }

  /** The generic webhook's body: {@code {"event": kind, "alert": {...}, "sent_at": ...}}. */
  public String webhookBody(Instant sentAt) {
    var root = JSON.createObjectNode();
    root.put("event", kind.wire());
    var alert = root.putObject("alert");
    alert.put("id", alertId).put("rule", rule).put("subject", subject).put("severity", severity.wire())
        .put("title", title).put("detail", detail)
        .put("opened_at", openedAt == null ? null : openedAt.toString())
        .put("resolved_at", resolvedAt == null ? null : resolvedAt.toString());
    root.put("text", text());
    root.put("sent_at", sentAt.toString());
    return root.toString();
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Notice fromJson(String json) {
    try {
      return JSON.readValue(json, Notice.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a stored notice: " + e.getOriginalMessage(), e);
    }
  }
}
