package dev.keypool.alert;

import dev.keypool.alert.channel.AlertChannel;
import dev.keypool.alert.channel.ChannelType;
import dev.keypool.alert.channel.DeliveryException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A channel that records what it took and refuses everything while down. */
final class RecordingChannel implements AlertChannel {
  final String name;
  final Set<Severity> severities;
  final List<Notice> got = new CopyOnWriteArrayList<>();
  volatile boolean down;
  int refused;

  RecordingChannel(String name, Set<Severity> severities) {
    this.name = name;
    this.severities = severities;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChannelType type() {
    return ChannelType.WEBHOOK;
  }

  @Override
  public String target() {
    return "test";
  }

  @Override
  public Set<Severity> severities() {
    return severities;
  }

  @Override
  public Set<RuleKind> rules() {
    return Set.of();
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    if (down) {
      refused++;
      throw new DeliveryException("down");
    }
    got.add(notice);
  }

  List<String> events() {
    return got.stream().map(n -> n.kind().wire() + " " + n.subject()).toList();
  }
}
