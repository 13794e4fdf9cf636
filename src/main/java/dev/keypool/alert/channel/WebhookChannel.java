package dev.keypool.alert.channel;

import dev.keypool.alert.Notice;
import dev.keypool.config.AlertsConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic webhook: the notice as JSON ({@link Notice#webhookBody}), with {@code X-Keypool-Event}, and
 * when a secret is set {@code X-Keypool-Timestamp} (Unix seconds) and {@code X-Keypool-Signature:
 * sha256=<hex>}, the HMAC-SHA256 of {@code timestamp + "." + body} keyed by the secret, so a receiver
 * can check the sender and refuse replays of old messages.
 */
final class WebhookChannel extends WebChannel {
  static final String EVENT_HEADER = "X-Keypool-Event";
  static final String TIMESTAMP_HEADER = "X-Keypool-Timestamp";
  static final String SIGNATURE_HEADER = "X-Keypool-Signature";

  private final Clock clock;

  WebhookChannel(AlertsConfig.Channel config, Clock clock) {
    super(config);
    this.clock = clock;
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    long now = clock.instant().getEpochSecond();
    String body = notice.webhookBody(clock.instant());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(EVENT_HEADER, notice.kind().wire());
    if (!config.secret().isEmpty()) {
      headers.put(TIMESTAMP_HEADER, Long.toString(now));
      headers.put(SIGNATURE_HEADER, "sha256=" + Signatures.webhook(config.secret(), now, body));
    }
    HttpPost.json(config.url(), headers, body, config.secret());
  }
}
