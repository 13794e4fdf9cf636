package dev.keypool.alert.channel;

import dev.keypool.config.AlertsConfig;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured channels by name. */
public final class Channels {
  private final Map<String, AlertChannel> byName = new LinkedHashMap<>();

  public Channels(List<AlertsConfig.Channel> configs, Clock clock) {
    for (AlertsConfig.Channel c : configs) {
      byName.put(c.name(), of(c, clock));
    }
  }

  /** Channels given as they are, for tests. */
  public Channels(Collection<AlertChannel> channels) {
    channels.forEach(c -> byName.put(c.name(), c));
  }

  public static AlertChannel of(AlertsConfig.Channel c, Clock clock) {
    return switch (c.type()) {
      case WEBHOOK -> new WebhookChannel(c, clock);
      case SLACK -> new SlackChannel(c);
      case FEISHU -> new FeishuChannel(c, clock);
      case DINGTALK -> new DingTalkChannel(c, clock);
      case WECOM -> new WeComChannel(c);
      case EMAIL -> new EmailChannel(c, clock);
    };
  }

  /** The channel with this name, or null. */
  public AlertChannel get(String name) {
    return byName.get(name);
  }

  public Collection<AlertChannel> all() {
    return byName.values();
  }
}
