package dev.keypool.alert.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the Chinese chat robots (Feishu/Lark, DingTalk, WeCom) share: they answer HTTP 200 even when they
 * refuse a message, with an error code in the body ({@code code} for Feishu, {@code errcode} for DingTalk
 * and WeCom; 0 is success).
 */
final class ChatRobots {
  static final ObjectMapper JSON = new ObjectMapper();

  private ChatRobots() {}

  /** Throws unless {@code answer} carries {@code codeField} 0 (or no code at all, as some versions answer). */
  static void checkAnswer(String answer, String codeField, String messageField) throws DeliveryException {
    JsonNode root;
    try {
      root = JSON.readTree(answer);
    } catch (Exception e) {
      throw new DeliveryException("the channel answered something that is not JSON: " + Masking.shorten(answer, 120));
    }
    JsonNode code = root == null ? null : root.get(codeField);
    if (code != null && code.asLong() != 0) {
      JsonNode msg = root.get(messageField);
      throw new DeliveryException("the channel refused the message: " + codeField + " " + code.asText()
          + (msg == null ? "" : ", " + Masking.shorten(msg.asText(), 120)));
    }
  }
}
