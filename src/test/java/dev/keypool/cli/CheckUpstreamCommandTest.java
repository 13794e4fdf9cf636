package dev.keypool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.storage.ProviderKeyStore;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.FakeUpstream;
import dev.keypool.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code keypool check-upstream} against the fake upstream: one good and one rejected OpenAI key from the
 * file, an Anthropic key stored through the admin API (encrypted in the database), a Gemini key.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class CheckUpstreamCommandTest {
  static final String BAD = "sk-rejected-0123456789";

  @Parameter Dialect dialect;
  @TempDir Path dir;
  FakeUpstream upstream;
  CliFixture cli;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeUpstream.start().modelListStatus(BAD, 401);
    cli = new CliFixture(dialect, dir, """
        providers:
          - id: openai
            format: openai
            base_url: %1$s
            keys:
              - { name: good, secret: sk-good-0123456789 }
              - { name: rejected, secret: %3$s }
          - { id: anthropic, format: anthropic, base_url: %1$s }
          - id: gemini
            format: gemini
            base_url: %2$s
            keys:
              - { name: g, secret: gk-good-0123456789 }
        """.formatted(upstream.baseUrl(), upstream.rootUrl(), BAD));
    new ProviderKeyStore(cli.db.dataSource(), cli.cipher, Clock.systemUTC()).insert(new ProviderKey(null, "anthropic",
        "stored", "ant-stored-0123456789", 0, 1, List.of(), "", 0, true, null, "api", null, null));
  }

  @AfterEach
  void stop() throws Exception {
    cli.close();
    upstream.close();
  }

  @Test
  void a_table_of_every_key_and_exit_code_1_when_one_is_rejected() {
    CliFixture.Run run = cli.run("check-upstream");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.getFirst()).matches("PROVIDER +KEY +RESULT +STATUS +LATENCY_MS +MESSAGE");
    assertThat(lines).anyMatch(l -> l.matches("anthropic +stored +ok +200 +\\d+ +2 models listed"))
        .anyMatch(l -> l.matches("gemini +g +ok +200 +\\d+ +2 models listed"))
        .anyMatch(l -> l.matches("openai +good +ok +200 +\\d+ +2 models listed"))
        .anyMatch(l -> l.matches("openai +rejected +credential +401 +\\d+ +Incorrect API key provided\\."))
        .contains("1 of 4 keys failed");
    assertThat(run.out()).doesNotContain(BAD);
    // Each key was asked in its provider's format, with the stored key decrypted.
    RecordedRequest stored = upstream.requestsFor("ant-stored-0123456789").getFirst();
    assertThat(stored.path()).isEqualTo("/v1/models");
    assertThat(stored.headers()).containsKey("anthropic-version");
    assertThat(upstream.requestsFor("gk-good-0123456789").getFirst().path()).isEqualTo("/v1beta/models");
  }

  @Test
  void json_output_and_one_provider_only() throws Exception {
    CliFixture.Run run = cli.run("check-upstream", "--provider", "openai", "--json", "--timeout", "5s");
    assertThat(run.code()).isEqualTo(1);
    JsonNode results = new ObjectMapper().readTree(run.out());
    assertThat(results).hasSize(2);
    assertThat(results.get(1).path("name").asText()).isEqualTo("rejected");
    assertThat(results.get(1).path("result").asText()).isEqualTo("credential");
    assertThat(results.get(1).path("status").asInt()).isEqualTo(401);
    assertThat(results.get(1).has("latency_ms")).isTrue();

    CliFixture.Run good = cli.run("check-upstream", "--provider", "gemini");
    assertThat(good.code()).isZero();
    assertThat(good.out()).contains("1 keys ok");
  }

  @Test
  void an_unreachable_upstream_is_a_transient_failure() throws Exception {
    FakeUpstream gone = FakeUpstream.start();
    String url = gone.baseUrl();
    gone.close();
    try (CliFixture other = new CliFixture(dialect, dir.resolve("other"), """
        providers:
          - id: openai
            format: openai
            base_url: %s
            keys: [ { name: k, secret: sk-k-0123456789 } ]
        """.formatted(url))) {
      CliFixture.Run run = other.run("check-upstream", "--timeout", "2s");
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.out()).containsPattern("openai +k +transient +- +\\d+ +the connection failed");
    }
  }

  @Test
  void usage_errors_exit_2() {
    assertThat(cli.run("check-upstream", "--provider", "nope").code()).isEqualTo(2);
    CliFixture.Run run = cli.run("check-upstream", "--timeout", "soon");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--timeout");
    assertThat(cli.run("check-upstream", "--no-such-option").code()).isEqualTo(2);
  }

  @Test
  void a_secret_the_upstream_echoes_is_masked() {
    assertThat(UpstreamCheck.mask("Incorrect API key provided: " + BAD + ".", BAD))
        .isEqualTo("Incorrect API key provided: " + ProviderKey.hint(BAD) + ".");
  }
}
