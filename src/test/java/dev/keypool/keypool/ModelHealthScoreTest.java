package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The health score per (key, model): a key refused one model gives way for that model only. */
class ModelHealthScoreTest {
  final PoolFixture f = new PoolFixture().keys("a", "b");

  static BorrowRequest forModel(String model, String... exclude) {
    return new BorrowRequest("openai", "route", Strategy.ROUND_ROBIN, 1, Set.of(exclude), null, model);
  }

  KeyLease leaseOf(String id, String model) {
    return f.lease(forModel(model, id.equals("a") ? "b" : "a"));
  }

  @Test
  void refusals_of_one_model_lower_that_model_s_score_and_not_the_key_s() {
    for (int i = 0; i < 4; i++) {
      leaseOf("a", "gpt-x").fail(FailureClass.MODEL_ACCESS, 404, null, "model not found");
      leaseOf("a", "gpt-y").succeed();
    }
    f.pool.rescore();

    KeySnapshot a = f.snapshot("a");
    assertThat(a.health().score()).as("MODEL_ACCESS says nothing about the key itself").isEqualTo(1.0);
    assertThat(a.modelHealth()).extracting(ModelScore::model).containsExactlyInAnyOrder("gpt-x", "gpt-y");
    HealthScore x = score(a, "gpt-x");
    assertThat(x.successRate()).isEqualTo(0.2); // (0 + 1) / (4 + 1)
    assertThat(x.lastFailure()).isEqualTo(FailureClass.MODEL_ACCESS);
    assertThat(score(a, "gpt-y").score()).isEqualTo(1.0);
    assertThat(f.snapshot("b").modelHealth()).isEmpty();
  }

  @Test
  void strategies_avoid_the_key_for_the_failing_model_and_still_use_it_for_the_other() {
    for (int i = 0; i < 8; i++) {
      leaseOf("a", "gpt-x").fail(FailureClass.RATE_LIMIT, 429, Duration.ZERO, "per-model limit");
      leaseOf("a", "gpt-y").succeed();
    }
    f.pool.rescore();
    assertThat(f.snapshot("a").health().score()).as("the key's own score counts the 429s too").isLessThan(0.6);

    // Round robin over two keys: a key's share is about half, times its score for the model asked.
    List<String> forX = f.sequence(forModel("gpt-x"), 200);
    List<String> forY = f.sequence(forModel("gpt-y"), 200);
    assertThat(Collections.frequency(forX, "a")).isLessThan(30);
    assertThat(Collections.frequency(forY, "a")).as("a model the key was not refused").isBetween(90, 110);

    // Live traffic on the model shows that it got better.
    f.pool.rescore();
    assertThat(score(f.snapshot("a"), "gpt-x").score()).isGreaterThan(0.5);
  }

  @Test
  void only_recent_models_are_kept_and_at_most_a_few_per_key() {
    for (int i = 0; i < ModelVitals.MAX_MODELS + 3; i++) {
      leaseOf("a", "m" + i).succeed();
      f.clock.advance(Duration.ofSeconds(1));
    }
    f.pool.rescore();
    assertThat(f.snapshot("a").modelHealth()).hasSize(ModelVitals.MAX_MODELS)
        .extracting(ModelScore::model).doesNotContain("m0", "m1", "m2").contains("m10");

    f.clock.advance(HealthScores.WINDOW);
    f.pool.rescore();
    assertThat(f.snapshot("a").modelHealth()).isEmpty();
  }

  @Test
  void health_checks_count_for_the_key_and_no_model() {
    f.pool.checkLease("a").fail(FailureClass.CREDENTIAL, 401, null, "bad key");
    f.pool.rescore();
    assertThat(f.snapshot("a").health().outcomes()).isEqualTo(1);
    assertThat(f.snapshot("a").modelHealth()).isEmpty();
  }

  /** Borrowing for a model and recording its outcome allocates no more than for no model (the lease only). */
  @Test
  void recording_per_model_allocates_nothing_more() {
    leaseOf("a", "gpt-x").fail(FailureClass.MODEL_ACCESS, 404, null, "model not found");
    f.pool.rescore();
    long[] plain = HealthScoreTest.measure(f, BorrowRequest.of("openai", "route", Strategy.ROUND_ROBIN));
    long[] perModel = HealthScoreTest.measure(f, forModel("gpt-x"));
    System.out.printf("borrow+succeed: %d bytes for no model, %d bytes for a model%n", plain[1], perModel[1]);
    assertThat(perModel[1]).isLessThanOrEqualTo(plain[1] + 8);
  }

  private static HealthScore score(KeySnapshot s, String model) {
    return s.modelHealth().stream().filter(m -> m.model().equals(model)).findFirst().orElseThrow().health();
  }
}
