package dev.keypool.alert.channel;

import dev.keypool.alert.RuleKind;
import dev.keypool.alert.Severity;
import dev.keypool.config.AlertsConfig;
import java.util.Set;

/** What every channel that POSTs to a URL shares: its configuration and a masked target. */
abstract class WebChannel implements AlertChannel {
  final AlertsConfig.Channel config;

  WebChannel(AlertsConfig.Channel config) {
    this.config = config;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public ChannelType type() {
    return config.type();
  }

  @Override
  public String target() {
    return Masking.target(config.url());
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
  public String toString() {
    return config.toString();
  }
}
