package dev.keypool.statistics;

import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Many requests of a seeded random shape, for comparing figures rather than asserting each one: four
 * models (one served by two providers), three keys per provider, four gateway keys and none, the three
 * outcomes, requests refused before a route or a key, latencies across every histogram bucket, over
 * {@link #DAYS} days from {@link #FROM} at any millisecond.
 */
final class VariedTraffic {

  static final Instant FROM = Instant.parse("2025-02-24T00:00:00Z");
  static final int DAYS = 40;
  static final Instant TO = FROM.plus(Duration.ofDays(DAYS));

  private static final String[][] MODELS = {{"gpt-4o", "openai"}, {"claude", "anthropic"}, {"gemini", "google"},
      {"mini", "openai"}, {"mini", "azure"}};
  private static final String[] OUTCOMES = {"success", "success", "success", "error", "client_abort"};
  private static final String[] ERROR_CLASSES = {"rate_limit", "transient", "credential"};

  private VariedTraffic() {}

  static List<RequestRecord> records(int n, long seed) {
    Random rnd = new Random(seed);
    List<RequestRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant t = FROM.plusMillis((long) (rnd.nextDouble() * DAYS * 86_400_000L));
      String[] mp = MODELS[rnd.nextInt(MODELS.length)];
      boolean routed = rnd.nextInt(20) != 0;
      boolean keyed = routed && rnd.nextInt(15) != 0;
      String model = routed ? mp[0] : "no-such-model-" + rnd.nextInt(3);
      String provider = keyed ? mp[1] : null;
      String providerKey = keyed ? "pk_" + mp[1] + "_" + rnd.nextInt(3) : null;
      String gatewayKey = rnd.nextInt(10) == 0 ? null : "gk_" + rnd.nextInt(4);
      String outcome = keyed ? OUTCOMES[rnd.nextInt(OUTCOMES.length)] : "error";
      String errorClass = outcome.equals("error") ? (keyed ? ERROR_CLASSES[rnd.nextInt(3)] : "no_route") : null;
      long latency = (long) Math.exp(rnd.nextDouble() * 12); // 1 ms .. 160 s
      Long ttft = outcome.equals("success") && rnd.nextBoolean() ? latency / 3 : null;
      long in = outcome.equals("error") ? 0 : rnd.nextInt(5_000);
      long out = outcome.equals("error") ? 0 : rnd.nextInt(1_000);
      long cost = in * 2_500 + out * 10_000;
      List<AttemptRecord> attempts = keyed ? List.of(new AttemptRecord(1, provider, providerKey, model,
          outcome.equals("success") ? 200 : 429, errorClass, null, latency, rnd.nextInt(500), t)) : List.of();
      records.add(new RequestRecord("v" + i, t, t.plusMillis(latency), gatewayKey, "u_1", "org_1", "/v1/chat/completions",
          "openai", model, routed ? model : null, routed ? "route" : null, provider, providerKey,
          outcome.equals("success") ? 200 : outcome.equals("error") ? 429 : 499, outcome, errorClass, null,
          ttft != null, in, out, in / 10, in / 100, out / 3, rnd.nextInt(30) == 0 ? "estimated" : "provider", cost,
          cost * 3 / 2, latency, ttft, 100, "127.0.0.1", "test", attempts));
    }
    return records;
  }
}
