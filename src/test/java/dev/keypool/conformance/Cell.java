package dev.keypool.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.util.List;

/** One client format talking to one upstream format through the shared gateway. */
record Cell(ClientDialect client, UpstreamDialect upstream, GatewayHarness h) {

  boolean either(WireFormat format) {
    return client.format() == format || upstream.format() == format;
  }

  /** Sends {@code ask} to the upstream's route, the fake answering {@code script}; returns the answer read back. */
  Answer ask(Ask ask, Script script) throws Exception {
    return client.read(send(upstream.route(), ask, upstream.reply(script)), ask.stream);
  }

  /** Sends {@code ask} to {@code route} with every upstream key answering {@code reply}. */
  HttpResponse<String> send(String route, Ask ask, Reply reply) throws Exception {
    h.upstream.reset();
    h.upstream.defaultReply(reply);
    return client.send(h, route, ask);
  }

  /** Lets the clock pass any cooldown a 429 put the upstream's keys in. */
  void cooledDown() {
    h.clock.advance(java.time.Duration.ofMinutes(10));
  }

  /** The requests the upstream received for the last call. */
  List<RecordedRequest> received() {
    return h.upstream.requests();
  }

  /** The one request the upstream received for the last call, read back. */
  Sent sent() {
    assertThat(received()).as("requests upstream").hasSize(1);
    return upstream.sent(received().getFirst());
  }
}
