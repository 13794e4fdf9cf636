package dev.keypool.alert.channel;

import dev.keypool.alert.Notice;
import dev.keypool.config.AlertsConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A WeCom (WeChat Work) group robot: {@code {"msgtype":"text","text":{"content":...}}} to its URL (which
 * carries the robot's {@code key}); no signature. Text is limited to 2048 bytes, so longer text is cut.
 * It answers {@code {"errcode":0,"errmsg":"ok"}} when it took the message.
 */
final class WeComChannel extends WebChannel {
  private static final int MAX_BYTES = 2048;

  WeComChannel(AlertsConfig.Channel config) {
    super(config);
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    var body = ChatRobots.JSON.createObjectNode().put("msgtype", "text");
    body.putObject("text").put("content", cut(notice.text()));
    String answer = HttpPost.json(config.url(), Map.of(), body.toString());
    ChatRobots.checkAnswer(answer, "errcode", "errmsg");
  }

  static String cut(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return text;
    }
    StringBuilder b = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > MAX_BYTES - 3) {
        break;
      }
      b.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return b.append("...").toString();
  }
}
