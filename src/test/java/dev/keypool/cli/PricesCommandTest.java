package dev.keypool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.billing.Price;
import dev.keypool.storage.PriceOverrideStore;
import dev.keypool.testkit.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code keypool prices export} and {@code import}: the layers as GET /api/prices names them, imports as run-time changes. */
@ParameterizedClass
@EnumSource(Dialect.class)
class PricesCommandTest {
  @Parameter Dialect dialect;
  @TempDir Path dir;
  CliFixture cli;
  PriceOverrideStore store;

  @BeforeEach
  void start() throws Exception {
    cli = new CliFixture(dialect, dir, """
        prices:
          house-model: { input: 1.00, output: 2.00 }
        """);
    store = new PriceOverrideStore(cli.db.dataSource(), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    cli.close();
  }

  @Test
  void export_names_each_price_s_layer() throws Exception {
    store.put("runtime-model", Price.of("3", "4"));
    CliFixture.Run run = cli.run("prices", "export");
    assertThat(run.code()).isZero();
    JsonNode prices = new ObjectMapper().readTree(run.out());
    assertThat(prices.path("house-model").path("source").asText()).isEqualTo("file");
    assertThat(prices.path("house-model").path("input").decimalValue()).isEqualByComparingTo("1");
    assertThat(prices.path("runtime-model").path("source").asText()).isEqualTo("runtime");
    assertThat(prices.path("runtime-model").path("cache_read").decimalValue()).isEqualByComparingTo("3");
    assertThat(prices.path("gpt-4o").path("source").asText()).isEqualTo("shipped");
  }

  @Test
  void import_sets_run_time_prices_and_an_export_imported_again_changes_nothing() throws Exception {
    Path file = Files.writeString(dir.resolve("prices.json"), """
        { "house-model": { "input": 1.5, "output": 2 },
          "new-model": { "input": 0.1, "output": 0.4, "cache_read": 0.01, "source": "file" } }
        """);
    CliFixture.Run run = cli.run("prices", "import", file.toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("house-model +set").contains("2 prices set, 0 unchanged");
    assertThat(store.all()).containsEntry("house-model", Optional.of(Price.of("1.5", "2")))
        .containsEntry("new-model", Optional.of(Price.of("0.1", "0.4", "0.01", "0.1")));

    Path export = dir.resolve("export.json");
    assertThat(cli.run("prices", "export", "--output", export.toString()).code()).isZero();
    CliFixture.Run again = cli.run("prices", "import", export.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("0 prices set");
    assertThat(store.all()).hasSize(2);
  }

  @Test
  void an_invalid_entry_writes_nothing_and_a_dry_run_neither() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), """
        { "a-model": { "input": 1, "output": 2 }, "b-model": { "input": -1, "output": 2 }, "c-model": { "input": 1 } }
        """);
    CliFixture.Run run = cli.run("prices", "import", bad.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).containsPattern("b-model +invalid +'input' must be a number >= 0")
        .containsPattern("c-model +invalid +'output' is required").containsPattern("a-model +would be set")
        .contains("2 of 3 entries invalid: nothing imported");
    Path good = Files.writeString(dir.resolve("good.json"), "{ \"a-model\": { \"input\": 1, \"output\": 2 } }");
    CliFixture.Run dry = cli.run("prices", "import", good.toString(), "--dry-run");
    assertThat(dry.code()).isZero();
    assertThat(dry.out()).containsPattern("a-model +would be set");
    assertThat(store.all()).isEmpty();
    assertThat(cli.run("prices", "import", dir.resolve("none.json").toString()).code()).isEqualTo(2);
  }
}
