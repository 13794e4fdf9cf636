package dev.keypool.alert.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC-SHA256 signatures each service documents. */
public final class Signatures {
  private Signatures() {}

  /** The generic webhook's: lower-case hex of HMAC-SHA256 keyed by the secret over {@code timestamp + "." + body}. */
  public static String webhook(String secret, long epochSeconds, String body) {
    return HexFormat.of().formatHex(hmac(secret, epochSeconds + "." + body));
  }

  /**
   * Feishu/Lark custom bots: HMAC-SHA256 keyed by {@code timestamp + "\n" + secret} over no data at
   * all, Base64; the timestamp in seconds.
   */
  public static String feishu(String secret, long epochSeconds) {
    return Base64.getEncoder().encodeToString(hmac(epochSeconds + "\n" + secret, ""));
  }

  /**
   * DingTalk robots: HMAC-SHA256 keyed by the secret over {@code timestamp + "\n" + secret}, Base64
   * (the caller URL-encodes it into the query); the timestamp in milliseconds.
   */
  public static String dingTalk(String secret, long epochMillis) {
    return Base64.getEncoder().encodeToString(hmac(secret, epochMillis + "\n" + secret));
  }

  private static byte[] hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
