package dev.keypool.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.keypool.alert.channel.AlertChannel;
import dev.keypool.alert.channel.ChannelType;
import dev.keypool.alert.channel.Channels;
import dev.keypool.alert.channel.DeliveryException;
import dev.keypool.config.AlertsConfig;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each channel against an in-process receiver that checks the payload and signature the service
 * documents, computed here independently of the code under test.
 */
class AlertChannelsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Notice NOTICE = new Notice(Notice.Kind.OPENED, "al_1", "key_banned", "key:pk_1", Severity.WARNING,
      "Provider key 'a' (pk_1) of openai is banned", "Reason: credential", NOW.minusSeconds(60), null, NOW);

  final ManualClock clock = new ManualClock(NOW);
  final WebhookReceiver receiver = newReceiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  static WebhookReceiver newReceiver() {
    try {
      return new WebhookReceiver();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  AlertChannel channel(ChannelType type, String url, String secret) {
    return Channels.of(new AlertsConfig.Channel("c1", type, url, secret, Set.of(), Set.of(), null), clock);
  }

  static byte[] hmac(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void generic_webhook_posts_the_alert_as_json_signed_over_timestamp_and_body() throws Exception {
    channel(ChannelType.WEBHOOK, receiver.url("/hooks/alerts"), "shh-secret").send(NOTICE);

    var got = receiver.received.get(0);
    String ts = got.header("X-Keypool-Timestamp");
    assertThat(ts).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(got.header("X-Keypool-Signature"))
        .isEqualTo("sha256=" + HexFormat.of().formatHex(hmac("shh-secret", ts + "." + got.body())));
    assertThat(got.header("X-Keypool-Event")).isEqualTo("opened");
    assertThat(got.header("content-type")).startsWith("application/json");
    JsonNode body = JSON.readTree(got.body());
    assertThat(body.path("event").asText()).isEqualTo("opened");
    assertThat(body.path("alert").path("rule").asText()).isEqualTo("key_banned");
    assertThat(body.path("alert").path("subject").asText()).isEqualTo("key:pk_1");
    assertThat(body.path("alert").path("severity").asText()).isEqualTo("warning");
    assertThat(body.path("alert").path("title").asText()).isEqualTo(NOTICE.title());
    assertThat(body.path("text").asText()).startsWith("[WARNING] Provider key 'a'");
  }

  @Test
  void webhook_without_a_secret_is_unsigned() throws Exception {
    channel(ChannelType.WEBHOOK, receiver.url("/h"), "").send(NOTICE);
    assertThat(receiver.received.get(0).header("X-Keypool-Signature")).isNull();
  }

  @Test
  void slack_gets_its_text_payload() throws Exception {
    channel(ChannelType.SLACK, receiver.url("/services/T1/B2/XYZ"), "").send(NOTICE);
    JsonNode body = JSON.readTree(receiver.received.get(0).body());
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.path("text").asText()).startsWith("[WARNING] Provider key 'a' (pk_1) of openai is banned")
        .contains("Reason: credential");
  }

  @Test
  void feishu_gets_a_text_message_with_timestamp_and_sign() throws Exception {
    receiver.answer = "{\"code\":0,\"data\":{},\"msg\":\"success\"}";
    channel(ChannelType.FEISHU, receiver.url("/open-apis/bot/v2/hook/abc"), "feishu-secret").send(NOTICE);
    JsonNode body = JSON.readTree(receiver.received.get(0).body());
    String ts = body.path("timestamp").asText();
    assertThat(ts).isEqualTo(Long.toString(NOW.getEpochSecond()));
    // Documented: HmacSHA256 keyed by timestamp + "\n" + secret, over nothing, Base64.
    assertThat(body.path("sign").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(hmac(ts + "\n" + "feishu-secret", "")));
    assertThat(body.path("msg_type").asText()).isEqualTo("text");
    assertThat(body.path("content").path("text").asText()).startsWith("[WARNING]");
  }

  @Test
  void feishu_refusing_with_a_code_is_a_failed_delivery() {
    receiver.answer = "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour\"}";
    assertThatThrownBy(() -> channel(ChannelType.FEISHU, receiver.url("/hook/abc"), "s").send(NOTICE))
        .isInstanceOf(DeliveryException.class).hasMessageContaining("19021").hasMessageContaining("sign match fail");
  }

  @Test
  void dingtalk_gets_timestamp_and_url_encoded_sign_in_the_query() throws Exception {
    receiver.answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    channel(ChannelType.DINGTALK, receiver.url("/robot/send?access_token=tok123"), "SECding").send(NOTICE);
    var got = receiver.received.get(0);
    assertThat(got.pathAndQuery()).startsWith("/robot/send?access_token=tok123&timestamp=" + NOW.toEpochMilli() + "&sign=");
    String sign = URLDecoder.decode(got.pathAndQuery().substring(got.pathAndQuery().indexOf("&sign=") + 6),
        StandardCharsets.UTF_8);
    // Documented: HmacSHA256 keyed by the secret over timestamp(ms) + "\n" + secret, Base64, then URL-encoded.
    assertThat(sign).isEqualTo(Base64.getEncoder().encodeToString(hmac("SECding", NOW.toEpochMilli() + "\nSECding")));
    JsonNode body = JSON.readTree(got.body());
    assertThat(body.path("msgtype").asText()).isEqualTo("text");
    assertThat(body.path("text").path("content").asText()).startsWith("[WARNING]");
  }

  @Test
  void wecom_gets_a_text_message_and_its_errcode_is_checked() throws Exception {
    receiver.answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    AlertChannel wecom = channel(ChannelType.WECOM, receiver.url("/cgi-bin/webhook/send?key=k-123"), "");
    wecom.send(NOTICE);
    JsonNode body = JSON.readTree(receiver.received.get(0).body());
    assertThat(body.path("msgtype").asText()).isEqualTo("text");
    assertThat(body.path("text").path("content").asText()).startsWith("[WARNING]");

    receiver.answer = "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}";
    assertThatThrownBy(() -> wecom.send(NOTICE)).isInstanceOf(DeliveryException.class).hasMessageContaining("93000");
  }

  @Test
  void a_failing_channel_says_why_without_its_url_or_secret() {
    receiver.status = 500;
    receiver.answer = "boom at /hooks/token-xyz";
    AlertChannel hook = channel(ChannelType.WEBHOOK, receiver.url("/hooks/token-xyz"), "s3cr3t");
    assertThatThrownBy(() -> hook.send(NOTICE)).isInstanceOf(DeliveryException.class)
        .hasMessageContaining("500").hasMessageNotContaining("token-xyz");
    assertThat(hook.target()).doesNotContain("token-xyz").startsWith("http://127.0.0.1:");
    assertThat(hook.toString()).doesNotContain("token-xyz").doesNotContain("s3cr3t");
  }

  @Test
  void email_goes_through_smtp_with_authentication() throws Exception {
    GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try {
      mail.setUser("alerts@example.com", "alerts", "mail-pass");
      AlertsConfig.Smtp smtp = new AlertsConfig.Smtp("127.0.0.1", mail.getSmtp().getPort(),
          AlertsConfig.SmtpSecurity.NONE, "alerts", "mail-pass", "alerts@example.com", List.of("ops@example.com"), "");
      Channels.of(new AlertsConfig.Channel("mail", ChannelType.EMAIL, "", "", Set.of(), Set.of(), smtp), clock)
          .send(NOTICE);
      MimeMessage[] got = mail.getReceivedMessages();
      assertThat(got).hasSize(1);
      assertThat(got[0].getSubject()).isEqualTo("Keypool [WARNING] Provider key 'a' (pk_1) of openai is banned");
      assertThat(got[0].getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
      assertThat(GreenMailUtil.getBody(got[0])).contains("Reason: credential");
    } finally {
      mail.stop();
    }
  }

  @Test
  void email_over_ssl_and_a_wrong_password_fails_without_showing_it() throws Exception {
    GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    mail.start();
    try {
      mail.setUser("alerts@example.com", "alerts", "right-pass");
      AlertsConfig.Smtp good = new AlertsConfig.Smtp("127.0.0.1", mail.getSmtps().getPort(),
          AlertsConfig.SmtpSecurity.SSL, "alerts", "right-pass", "alerts@example.com", List.of("ops@example.com"), "*");
      Channels.of(new AlertsConfig.Channel("mail", ChannelType.EMAIL, "", "", Set.of(), Set.of(), good), clock)
          .send(NOTICE);
      assertThat(mail.getReceivedMessages()).hasSize(1);

      AlertsConfig.Smtp bad = new AlertsConfig.Smtp("127.0.0.1", mail.getSmtps().getPort(),
          AlertsConfig.SmtpSecurity.SSL, "alerts", "wrong-pass", "alerts@example.com", List.of("ops@example.com"), "*");
      assertThatThrownBy(() -> Channels.of(new AlertsConfig.Channel("mail", ChannelType.EMAIL, "", "", Set.of(),
          Set.of(), bad), clock).send(NOTICE)).isInstanceOf(DeliveryException.class)
          .hasMessageNotContaining("wrong-pass");
    } finally {
      mail.stop();
    }
  }
}
