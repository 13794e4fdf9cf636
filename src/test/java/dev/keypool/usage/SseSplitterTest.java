package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The splitter yields the same events with byte-identical raw bytes however the stream is cut. */
class SseSplitterTest {

  /** LF, CR and a multi-line data field, a comment, an id line and a stray blank line. */
  private static final String MIXED = "id: 1\rdata: first line\rdata: second 😀\r\r"
      + ": comment only\n\n"
      + "\n"
      + "event: named\r\ndata:no-space\r\n\r\n";

  static Stream<Arguments> streams() {
    return Stream.of(
        Arguments.of("openai with usage (LF, emoji)", Streams.OPENAI_WITH_USAGE),
        Arguments.of("openai tool call", Streams.OPENAI_TOOL_CALL),
        Arguments.of("anthropic (CRLF, emoji)", Streams.ANTHROPIC_CACHED),
        Arguments.of("mixed line ends", MIXED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void every_split_position_yields_the_same_events(String name, String body) {
    byte[] bytes = Streams.utf8(body);
    List<SseEvent> whole = Streams.events(body);
    assertThat(concat(whole)).isEqualTo(bytes);

    for (int cut = 0; cut <= bytes.length; cut++) {
      SseSplitter splitter = new SseSplitter();
      List<SseEvent> events = new ArrayList<>(splitter.feed(Buffer.buffer(Arrays.copyOfRange(bytes, 0, cut))));
      events.addAll(splitter.feed(Buffer.buffer(Arrays.copyOfRange(bytes, cut, bytes.length))));
      assertThat(events).as("cut at byte %d", cut).isEqualTo(whole);
      assertThat(splitter.drain().length()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void one_byte_at_a_time_yields_the_same_events(String name, String body) {
    byte[] bytes = Streams.utf8(body);
    SseSplitter splitter = new SseSplitter();
    List<SseEvent> events = new ArrayList<>();
    for (byte b : bytes) {
      events.addAll(splitter.feed(Buffer.buffer(new byte[] {b})));
    }
    assertThat(events).isEqualTo(Streams.events(body));
  }

  @Test
  void fields_are_parsed_as_the_sse_specification_says() {
    List<SseEvent> events = Streams.events(MIXED);

    assertThat(events).extracting(SseEvent::event, SseEvent::data).containsExactly(
        org.assertj.core.groups.Tuple.tuple(null, "first line\nsecond 😀"),
        org.assertj.core.groups.Tuple.tuple(null, null),
        org.assertj.core.groups.Tuple.tuple(null, null),
        org.assertj.core.groups.Tuple.tuple("named", "no-space"));
    assertThat(events.get(1).raw().toString()).isEqualTo(": comment only\n\n");
    assertThat(events.get(2).raw().toString()).isEqualTo("\n");
  }

  @Test
  void anthropic_events_keep_their_names_and_data() {
    List<SseEvent> events = Streams.events(Streams.ANTHROPIC_CACHED);

    assertThat(events).hasSize(16);
    assertThat(events.get(0).event()).isEqualTo("message_start");
    assertThat(events.get(7).data()).contains("Hi 😀 ");
    assertThat(events.get(15).raw().toString()).isEqualTo("event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n");
  }

  @Test
  void an_unfinished_event_waits_and_can_be_drained() {
    SseSplitter splitter = new SseSplitter();

    assertThat(splitter.feed(Buffer.buffer("data: {\"a\":1}\n\ndata: {\"b\""))).singleElement()
        .satisfies(e -> assertThat(e.data()).isEqualTo("{\"a\":1}"));
    assertThat(splitter.drain().toString()).isEqualTo("data: {\"b\"");
    assertThat(splitter.feed(Buffer.buffer("data: x\n\n"))).singleElement()
        .satisfies(e -> assertThat(e.raw().toString()).isEqualTo("data: x\n\n"));
  }

  @Test
  void an_unfinished_event_is_held_only_up_to_its_bound() {
    SseSplitter splitter = new SseSplitter(16);

    assertThat(splitter.feed(Buffer.buffer("data: 0123456789\n\n"))).hasSize(1); // 18 bytes, but complete
    assertThat(splitter.feed(Buffer.buffer("data: 01234"))).isEmpty();
    assertThatThrownBy(() -> splitter.feed(Buffer.buffer("567890"))).isInstanceOf(SseSplitter.EventTooLarge.class)
        .hasMessage("an event larger than 16 bytes");
    assertThat(splitter.drain().length()).isZero();
  }

  @Test
  void a_crlf_split_between_cr_and_lf_stays_in_one_event() {
    SseSplitter splitter = new SseSplitter();

    assertThat(splitter.feed(Buffer.buffer("data: a\r\n\r"))).isEmpty();
    assertThat(splitter.feed(Buffer.buffer("\ndata: b\r\n\r\n"))).extracting(e -> e.raw().toString())
        .containsExactly("data: a\r\n\r\n", "data: b\r\n\r\n");
  }

  private static byte[] concat(List<SseEvent> events) {
    Buffer all = Buffer.buffer();
    events.forEach(e -> all.appendBuffer(e.raw()));
    return all.getBytes();
  }
}
