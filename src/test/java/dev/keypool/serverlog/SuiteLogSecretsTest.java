package dev.keypool.serverlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.RunsLast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * After every other test class of the run: no line the gateways logged during the whole run (captured
 * by {@code logback-test.xml} in {@code target/test-logs/suite.log}) holds a secret: no full gateway
 * key, no admin token, no provider key of the test configurations, no credential header. The only lines
 * left out are those marked console-only, which exist to hand a generated secret to the operator once.
 */
@RunsLast
class SuiteLogSecretsTest {
  static final Path LOG = Path.of("target", "test-logs", "suite.log");

  /** Secrets as the tests spell them, and the shapes any secret takes in a header. */
  static final List<Pattern> SECRETS = List.of(
      Pattern.compile("ak_[A-Za-z0-9]{20,}"),
      Pattern.compile(Pattern.quote(GatewayHarness.ADMIN_TOKEN)),
      Pattern.compile("(?<![\\w-])(sk|ant|gk)-[ab](?![\\w*-])"),
      Pattern.compile("(?i)authorization: *bearer +[A-Za-z0-9._~+/=-]{8,}"),
      Pattern.compile("(?i)(x-api-key|x-goog-api-key)[\"': =]+[A-Za-z0-9._-]{8,}"),
      Pattern.compile("[?&]key=[A-Za-z0-9._-]{8,}"));

  @Test
  void no_line_of_the_whole_run_holds_a_secret() throws Exception {
    String log = Files.exists(LOG) ? Files.readString(LOG) : "";
    Assumptions.assumeTrue(log.contains("keypool listening"),
        "SKIPPED LOUDLY: " + LOG + " holds no gateway's log; this check only means something after the "
            + "whole suite (./keypool test)");
    List<String> leaks = new ArrayList<>();
    for (String line : log.split("\n")) {
      for (Pattern secret : SECRETS) {
        Matcher m = secret.matcher(line);
        if (m.find()) {
          leaks.add(m.group() + "  in: " + line);
        }
      }
    }
    assertThat(leaks).as("log lines holding a secret").isEmpty();
  }
}
