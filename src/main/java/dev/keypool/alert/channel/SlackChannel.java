package dev.keypool.alert.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.alert.Notice;
import dev.keypool.config.AlertsConfig;
import java.util.Map;

/** A Slack incoming webhook: {@code {"text": "..."}}; Slack answers 200 {@code ok} when it took it. */
final class SlackChannel extends WebChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  SlackChannel(AlertsConfig.Channel config) {
    super(config);
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    var body = JSON.createObjectNode().put("text", notice.text());
    HttpPost.json(config.url(), Map.of(), body.toString());
  }
}
