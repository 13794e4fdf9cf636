package dev.keypool.alert.channel;

import dev.keypool.alert.Notice;
import dev.keypool.config.AlertsConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * A DingTalk custom robot: {@code {"msgtype":"text","text":{"content":...}}} to its URL (which carries
 * the {@code access_token}), with {@code timestamp} (milliseconds) and the URL-encoded {@code sign}
 * ({@link Signatures#dingTalk}) added to the query when the robot signs. It answers
 * {@code {"errcode":0,"errmsg":"ok"}} when it took the message.
 */
final class DingTalkChannel extends WebChannel {
  private final Clock clock;

  DingTalkChannel(AlertsConfig.Channel config, Clock clock) {
    super(config);
    this.clock = clock;
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    String url = config.url();
    if (!config.secret().isEmpty()) {
      long now = clock.millis();
      String sign = URLEncoder.encode(Signatures.dingTalk(config.secret(), now), StandardCharsets.UTF_8);
      url = url + (url.contains("?") ? "&" : "?") + "timestamp=" + now + "&sign=" + sign;
    }
    var body = ChatRobots.JSON.createObjectNode().put("msgtype", "text");
    body.putObject("text").put("content", notice.text());
    String answer = HttpPost.json(url, Map.of(), body.toString(), config.secret(), config.url());
    ChatRobots.checkAnswer(answer, "errcode", "errmsg");
  }
}
