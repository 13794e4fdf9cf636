package dev.keypool.alert.channel;

import dev.keypool.alert.Notice;
import dev.keypool.config.AlertsConfig;
import java.time.Clock;
import java.util.Map;

/**
 * A Feishu/Lark custom bot: {@code {"msg_type":"text","content":{"text":...}}}, plus {@code timestamp}
 * (seconds, as a string) and {@code sign} ({@link Signatures#feishu}) when the bot has signature
 * verification on. The bot answers {@code {"code":0,...}} when it took the message.
 */
final class FeishuChannel extends WebChannel {
  private final Clock clock;

  FeishuChannel(AlertsConfig.Channel config, Clock clock) {
    super(config);
    this.clock = clock;
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    var body = ChatRobots.JSON.createObjectNode();
    if (!config.secret().isEmpty()) {
      long now = clock.instant().getEpochSecond();
      body.put("timestamp", Long.toString(now)).put("sign", Signatures.feishu(config.secret(), now));
    }
    body.put("msg_type", "text").putObject("content").put("text", notice.text());
    String answer = HttpPost.json(config.url(), Map.of(), body.toString(), config.secret());
    ChatRobots.checkAnswer(answer, "code", "msg");
  }
}
