package dev.keypool.conformance;

import static org.assertj.core.api.Assertions.fail;

import dev.keypool.e2e.GatewayHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance matrix: every feature for every client format against every upstream format, one
 * dynamic test per cell, through one gateway and one fake upstream. The last dynamic test renders the
 * outcomes to target/conformance.md and compares them with docs/conformance.md (or writes it, with
 * {@code -Dconformance.write=true}). Everything runs inside this one factory, in order, so the matrix
 * never depends on the order JUnit picks for classes or methods.
 */
class ConformanceTest {
  /** One provider and route per upstream format, plus an Anthropic provider pinned to 2026-10-21. */
  static final String CONFIG = """
      providers:
        - id: openai
          format: openai
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys: [ { name: a, secret: sk-a }, { name: b, secret: sk-b } ]
        - id: anthropic
          format: anthropic
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys: [ { name: a, secret: ant-a }, { name: b, secret: ant-b } ]
        - id: anthropic-2026
          format: anthropic
          base_url: UPSTREAM
          headers: { anthropic-version: "2026-10-21" }
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys: [ { name: p, secret: ant-p } ]
        - id: gemini
          format: gemini
          base_url: GEMINI_UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys: [ { name: a, secret: gk-a }, { name: b, secret: gk-b } ]
      models:
        - { id: m-openai, candidates: [ { provider: openai, model: gpt-up } ] }
        - { id: m-anthropic, candidates: [ { provider: anthropic, model: claude-up } ] }
        - { id: m-anthropic-2026, candidates: [ { provider: anthropic-2026, model: claude-up } ] }
        - { id: m-gemini, candidates: [ { provider: gemini, model: gemini-up } ] }
      """;
  static final Path DOC = Path.of("docs", "conformance.md");
  static final Path GENERATED = Path.of("target", "conformance.md");

  static final List<ClientDialect> CLIENTS = List.of(new OpenAiClient(), new AnthropicClient(), new GeminiClient());
  static final List<UpstreamDialect> UPSTREAMS =
      List.of(new OpenAiUpstream(), new AnthropicUpstream(), new GeminiUpstream());

  static GatewayHarness h;
  static final MatrixDoc MATRIX = new MatrixDoc(CLIENTS, UPSTREAMS, Features.ALL);

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(CONFIG);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @TestFactory
  Stream<DynamicNode> matrix() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (ClientDialect client : CLIENTS) {
      List<DynamicNode> rows = new ArrayList<>();
      for (Feature feature : Features.ALL) {
        rows.add(DynamicContainer.dynamicContainer(feature.name(), UPSTREAMS.stream()
            .map(upstream -> DynamicTest.dynamicTest(upstream.title(), () -> run(client, feature, upstream)))));
      }
      nodes.add(DynamicContainer.dynamicContainer(client.title(), rows));
    }
    nodes.add(DynamicTest.dynamicTest("docs/conformance.md matches the results", ConformanceTest::checkDoc));
    return nodes.stream();
  }

  /** Runs one cell; a failure is recorded as ✗ and rethrown, so it fails the run too. */
  private static void run(ClientDialect client, Feature feature, UpstreamDialect upstream) throws Exception {
    h.clock.advance(Duration.ofMinutes(10)); // past any cooldown a 429 case left, and any quota window
    try {
      MATRIX.put(client, feature, upstream, feature.body().run(new Cell(client, upstream, h)));
    } catch (Exception | AssertionError e) {
      MATRIX.put(client, feature, upstream, Verdict.FAIL);
      // The report names dynamic tests by index only: say which cell failed.
      throw new AssertionError(Features.name(client.format()) + " client, " + feature.name() + ", "
          + upstream.title() + ": " + e.getMessage(), e);
    }
  }

  private static void checkDoc() throws Exception {
    Assumptions.assumeTrue(MATRIX.complete(), "only part of the matrix ran; docs/conformance.md not checked");
    String generated = MATRIX.render();
    Files.createDirectories(GENERATED.getParent());
    Files.writeString(GENERATED, generated, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("conformance.write")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
      return;
    }
    List<String> committed = Files.exists(DOC) ? Files.readAllLines(DOC, StandardCharsets.UTF_8) : List.of();
    List<String> lines = generated.lines().toList();
    int i = 0;
    while (i < Math.min(committed.size(), lines.size()) && committed.get(i).equals(lines.get(i))) {
      i++;
    }
    if (i < committed.size() || i < lines.size()) {
      fail("docs/conformance.md differs from the results (written to target/conformance.md) at line %d:%n"
          + "  committed: %s%n  generated: %s%nrun %s to update it", i + 1,
          i < committed.size() ? committed.get(i) : "(end of file)", i < lines.size() ? lines.get(i) : "(end of file)",
          MatrixDoc.REGENERATE);
    }
  }
}
