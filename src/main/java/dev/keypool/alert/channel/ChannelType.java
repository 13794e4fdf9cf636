package dev.keypool.alert.channel;

import java.util.Locale;

/** The kinds of alert channel, named in the configuration by their lower-case names. */
public enum ChannelType {
  WEBHOOK, SLACK, FEISHU, DINGTALK, WECOM, EMAIL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
