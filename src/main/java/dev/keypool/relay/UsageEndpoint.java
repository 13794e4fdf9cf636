package dev.keypool.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitKind;
import dev.keypool.quota.Period;
import dev.keypool.quota.Window;
import dev.keypool.statistics.StatisticsService;
import dev.keypool.statistics.UsageStats;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /v1/usage}: a gateway key's own limits (used, remaining, when each window resets) and its
 * usage today and this month, for the key's holder. Counters come from the quota engine and totals
 * from the statistics rollups, both read on a virtual thread, never on the event loop. Days and months
 * follow the configured daily reset, like the limits.
 */
public final class UsageEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CallerCheck callers;
  private final QuotaGate gate;
  private final StatisticsService statistics;
  private final Clock clock;
  private final LocalTime dailyReset;

  public UsageEndpoint(CallerCheck callers, QuotaGate gate, StatisticsService statistics, Clock clock,
      LocalTime dailyReset) {
    this.callers = callers;
    this.gate = gate;
    this.statistics = statistics;
    this.clock = clock;
    this.dailyReset = dailyReset;
  }

  /** Answers the request; a failure is rendered by the caller in {@code format}. */
  public Future<Buffer> answer(HttpServerRequest request) {
    GatewayKey key;
    try {
      key = callers.admit(request, Permission.READ);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    List<Limit> limits = gate.resolver().limits(key, callers.clientIp(request));
    return gate.offloaded(() -> Buffer.buffer(body(key, limits).toString()));
  }

  private ObjectNode body(GatewayKey key, List<Limit> limits) {
    Instant now = clock.instant();
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "usage");
    root.putObject("key").put("id", key.id()).put("name", key.name());
    ArrayNode out = root.putArray("limits");
    for (Limit limit : limits) {
      long used = gate.engine().current(limit);
      ObjectNode l = out.addObject();
      l.put("scope", limit.scope().name().toLowerCase(Locale.ROOT)).put("subject", limit.id());
      l.put("kind", limit.kind() == LimitKind.COST_NANOS ? "cost_usd" : limit.kind().name().toLowerCase(Locale.ROOT));
      if (limit.period() == null) {
        l.putNull("period");
      } else {
        l.put("period", limit.period().label());
      }
      amount(l, "limit", limit.kind(), limit.max());
      amount(l, "used", limit.kind(), used);
      amount(l, "remaining", limit.kind(), Math.max(0, limit.max() - used));
      if (limit.period() == null) {
        l.putNull("resets_at");
      } else {
        l.put("resets_at", limit.period().window(now, dailyReset).end().toString());
      }
      l.put("description", limit.describe());
    }
    ObjectNode usage = root.putObject("usage");
    totals(usage.putObject("today"), key, Period.DAY.window(now, dailyReset));
    totals(usage.putObject("month"), key, Period.MONTH.window(now, dailyReset));
    return root;
  }

  private void totals(ObjectNode out, GatewayKey key, Window window) {
    UsageStats s = statistics.gatewayKeyStats(key.id(), window.start(), window.end());
    out.put("from", window.start().toString()).put("to", window.end().toString());
    out.put("requests", s.requests()).put("input_tokens", s.inputTokens()).put("output_tokens", s.outputTokens())
        .put("cache_read_tokens", s.cacheReadTokens()).put("cache_write_tokens", s.cacheWriteTokens())
        .put("total_tokens", s.totalTokens()).put("cost_usd", usd(s.chargedNanos()));
  }

  /** Cost amounts in US dollars (counters hold nanos), the others as whole numbers. */
  private static void amount(ObjectNode out, String field, LimitKind kind, long value) {
    if (kind == LimitKind.COST_NANOS) {
      out.put(field, usd(value));
    } else {
      out.put(field, value);
    }
  }

  private static BigDecimal usd(long nanos) {
    BigDecimal usd = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    return usd.scale() < 0 ? usd.setScale(0) : usd; // 10, not 1E+1
  }

  /** The format errors are answered in: Anthropic's when the client sends {@code anthropic-version}. */
  public static boolean anthropic(HttpServerRequest request) {
    return request.getHeader("anthropic-version") != null;
  }
}
