package dev.keypool.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The balance history on each database: one row per reading, amounts exact, the latest per key. */
@ParameterizedClass
@EnumSource(Dialect.class)
class BalanceStoreTest {
  static final Instant T = Instant.parse("2026-02-01T00:00:00Z");

  @Parameter Dialect dialect;
  @TempDir Path dir;
  TestDatabase t;
  BalanceStore store;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, dir);
    store = new BalanceStore(t.dataSource());
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void readings_keep_exact_amounts_and_come_back_newest_first() {
    BalanceReading first = new BalanceReading("pk_1", "deepseek", "deepseek", T,
        List.of(BalanceAmount.of("CNY", new BigDecimal("110.00")), new BalanceAmount("USD", new BigDecimal("-0.30"),
            new BigDecimal("5.0"), new BigDecimal("5.30"))), true, Map.of("granted_balance_cny", new BigDecimal("10.00")),
        null, null);
    BalanceReading failed = BalanceReading.failed("pk_1", "deepseek", "deepseek", T.plusSeconds(60), "answered 401");
    BalanceReading other = new BalanceReading("pk_2", "moonshot", "moonshot", T.plusSeconds(30),
        List.of(BalanceAmount.of("USD", new BigDecimal("49.58894"))), false, Map.of(), "a note", null);
    store.insert(first);
    store.insert(failed);
    store.insert(other);

    assertThat(store.history("pk_1", 10)).containsExactly(failed, first);
    assertThat(store.history("pk_1", 1)).containsExactly(failed);
    BalanceReading back = store.history("pk_1", 10).get(1);
    assertThat(back.amounts().get(0).amount().toPlainString()).isEqualTo("110.00");
    assertThat(back.amounts().get(1).used().toPlainString()).isEqualTo("5.30");
    assertThat(store.latest()).containsExactly(first, failed, other);
    assertThat(store.history("pk_3", 10)).isEmpty();

    BalanceReading later = BalanceReading.failed("pk_2", "moonshot", "moonshot", T.plusSeconds(90), "timeout");
    store.insert(later);
    assertThat(store.deleteBefore(T.plusSeconds(3600))).as("every row is a latest or a latest successful reading")
        .isZero();
    store.insert(BalanceReading.ok("pk_1", "deepseek", "deepseek", T.plusSeconds(120),
        Fetched.of(BalanceAmount.of("CNY", BigDecimal.ONE))));
    assertThat(store.deleteBefore(T.plusSeconds(3600))).isEqualTo(2);
    assertThat(store.history("pk_1", 10)).extracting(BalanceReading::fetchedAt).containsExactly(T.plusSeconds(120));
    assertThat(store.history("pk_2", 10)).hasSize(2);
  }
}
