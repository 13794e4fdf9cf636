package dev.keypool.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture case: each {@code input-<format>-<kind>} file is translated to every other format
 * that has an {@code expected-<format>-<kind>} file in the case and compared with it (JSON by tree
 * equality, SSE event by event), and every input request and response read and written back in its own
 * format must equal itself.
 */
class TranslationFixturesTest {

  @TestFactory
  Stream<DynamicTest> fixtures() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Fixture f : Fixture.all()) {
      for (FixtureFormat from : FixtureFormat.values()) {
        addRequestTests(f, from, tests);
        addResponseTests(f, from, tests);
        addStreamTests(f, from, tests);
      }
    }
    return tests.stream();
  }

  private static void addRequestTests(Fixture f, FixtureFormat from, List<DynamicTest> tests) {
    String input = "input-" + from.fileName + "-request.json";
    if (!f.has(input)) {
      return;
    }
    for (FixtureFormat to : others(from)) {
      String expected = "expected-" + to.fileName + "-request.json";
      if (f.has(expected)) {
        tests.add(test(f, from.fileName + " request -> " + to.fileName, () -> expectJson(f, expected,
            to.writeRequest(f, from.readRequest(f, f.json(input)), false))));
      }
    }
    tests.add(test(f, from.fileName + " request round trip", () -> assertThat(wire(from.writeRequest(f,
        from.readRequest(f, f.json(input)), true))).isEqualTo(f.json(input))));
  }

  private static void addResponseTests(Fixture f, FixtureFormat from, List<DynamicTest> tests) {
    String input = "input-" + from.fileName + "-response.json";
    if (!f.has(input)) {
      return;
    }
    for (FixtureFormat to : others(from)) {
      String expected = "expected-" + to.fileName + "-response.json";
      if (f.has(expected)) {
        tests.add(test(f, from.fileName + " response -> " + to.fileName, () -> expectJson(f, expected,
            to.writeResponse(f, from.readResponse(f.json(input)), false))));
      }
    }
    tests.add(test(f, from.fileName + " response round trip", () -> assertThat(wire(from.writeResponse(f,
        from.readResponse(f.json(input)), true))).isEqualTo(f.json(input))));
  }

  private static void addStreamTests(Fixture f, FixtureFormat from, List<DynamicTest> tests) {
    String input = "input-" + from.fileName + "-stream.sse";
    if (!f.has(input)) {
      return;
    }
    for (FixtureFormat to : others(from)) {
      String expected = "expected-" + to.fileName + "-stream.sse";
      if (f.has(expected)) {
        tests.add(test(f, from.fileName + " stream -> " + to.fileName, () -> expectSse(f, expected,
            to.encode(f, from.decode(f.sse(input))))));
      }
    }
  }

  private static List<FixtureFormat> others(FixtureFormat from) {
    return Stream.of(FixtureFormat.values()).filter(x -> x != from).toList();
  }

  private static void expectJson(Fixture f, String expectedFile, JsonNode actual) {
    f.writeIfAsked(expectedFile, actual);
    assertThat(wire(actual)).as(f.name() + "/" + expectedFile).isEqualTo(f.json(expectedFile));
  }

  /** Event names must match exactly and data payloads as JSON trees (or as text for {@code [DONE]}). */
  private static void expectSse(Fixture f, String expectedFile, String actual) {
    f.writeIfAsked(expectedFile, actual);
    List<SseEvent> got = SseEvent.parse(actual);
    List<SseEvent> want = f.sse(expectedFile);
    assertThat(got).as(f.name() + " event count").hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).event()).as(f.name() + " event " + i + " name").isEqualTo(want.get(i).event());
      String w = want.get(i).data();
      String g = got.get(i).data();
      if (w.startsWith("{")) {
        assertThat(Nodes.parse(g)).as(f.name() + " event " + i).isEqualTo(Nodes.parse(w));
      } else {
        assertThat(g).as(f.name() + " event " + i).isEqualTo(w);
      }
    }
  }

  /** The tree as a client would parse it off the wire (numbers compare by value, not by Java type). */
  static JsonNode wire(JsonNode tree) {
    return Nodes.parse(tree.toString());
  }

  private static DynamicTest test(Fixture f, String what, org.junit.jupiter.api.function.Executable body) {
    return DynamicTest.dynamicTest(f.name() + ": " + what, body);
  }
}
