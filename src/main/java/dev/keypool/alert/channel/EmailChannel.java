package dev.keypool.alert.channel;

import dev.keypool.alert.Notice;
import dev.keypool.alert.RuleKind;
import dev.keypool.alert.Severity;
import dev.keypool.config.AlertsConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import java.util.Set;

/**
 * E-mail over SMTP through Jakarta Mail: plain, STARTTLS (required: a server that does not offer it is
 * a failed delivery, never a cleartext one) or SSL/TLS from the first byte, with authentication when a
 * username is set. The subject is the notice's headline, the body its text.
 */
final class EmailChannel implements AlertChannel {
  private static final String TIMEOUT_MILLIS = "10000";

  private final AlertsConfig.Channel config;
  private final AlertsConfig.Smtp smtp;
  private final Clock clock;

  EmailChannel(AlertsConfig.Channel config, Clock clock) {
    this.config = config;
    this.smtp = config.smtp();
    this.clock = clock;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public ChannelType type() {
    return ChannelType.EMAIL;
  }

  @Override
  public String target() {
    return "smtp://" + smtp.host() + ":" + smtp.port() + " -> " + String.join(", ", smtp.to());
  }

  @Override
  public Set<Severity> severities() {
    return config.severities();
  }

  @Override
  public Set<RuleKind> rules() {
    return config.rules();
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    boolean ssl = smtp.security() == AlertsConfig.SmtpSecurity.SSL;
    String protocol = ssl ? "smtps" : "smtp";
    Properties p = new Properties();
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", smtp.host());
    p.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
    p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
    p.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
    p.put("mail." + protocol + ".writetimeout", TIMEOUT_MILLIS);
    boolean auth = !smtp.username().isEmpty();
    p.put("mail." + protocol + ".auth", Boolean.toString(auth));
    if (smtp.security() == AlertsConfig.SmtpSecurity.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (ssl) {
      p.put("mail.smtps.ssl.enable", "true");
    }
    if (smtp.sslTrust().isEmpty()) {
      // The certificate must name the host, as a browser would insist.
      p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    } else {
      // Hosts the operator vouches for (a private CA, a self-signed test server): not checked.
      p.put("mail." + protocol + ".ssl.trust", smtp.sslTrust());
      p.put("mail." + protocol + ".ssl.checkserveridentity", "false");
    }
    Session session = Session.getInstance(p);
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(smtp.from()));
      for (String to : smtp.to()) {
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      m.setSubject("Keypool " + notice.headline(), "UTF-8");
      m.setText(notice.text(), "UTF-8");
      m.setSentDate(Date.from(clock.instant()));
      try (Transport t = session.getTransport(protocol)) {
        t.connect(smtp.host(), smtp.port(), auth ? smtp.username() : null, auth ? smtp.password() : null);
        t.sendMessage(m, m.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new DeliveryException(Masking.mask("the mail server did not take the message: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + Masking.shorten(e.getMessage(), 200))
          + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ": "
              + Masking.shorten(String.valueOf(e.getCause().getMessage()), 200) + ")"),
          null, smtp.password()));
    }
  }

  @Override
  public String toString() {
    return config.toString();
  }
}
