package dev.keypool.alert.channel;

import dev.keypool.alert.Notice;
import dev.keypool.alert.RuleKind;
import dev.keypool.alert.Severity;
import java.util.Set;

/**
 * Somewhere alerts are sent. {@link #send} blocks (network) and is called from the alert thread or an
 * admin worker only; it returns when the service took the message and throws otherwise.
 */
public interface AlertChannel {

  /** Its name in the configuration. */
  String name();

  ChannelType type();

  /** Where it sends, with every secret part masked (for the API). */
  String target();

  /** The severities it takes; empty for all. */
  Set<Severity> severities();

  /** The rules it takes; empty for all. */
  Set<RuleKind> rules();

  void send(Notice notice) throws DeliveryException;

  /** Whether an alert of {@code rule} at {@code severity} goes to this channel. */
  default boolean accepts(RuleKind rule, Severity severity) {
    return (severities().isEmpty() || severities().contains(severity)) && (rules().isEmpty() || rules().contains(rule));
  }
}
