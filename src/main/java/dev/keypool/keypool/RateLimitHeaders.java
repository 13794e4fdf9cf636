package dev.keypool.keypool;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A reader of the rate-limit headers upstream providers send, turning each dialect into one
 * {@link RateLimitUpdate}:
 *
 * <ul>
 *   <li>OpenAI: {@code x-ratelimit-{limit,remaining}-{requests,tokens}} and
 *       {@code x-ratelimit-reset-{requests,tokens}} as a Go duration ("6m0s") from now;
 *   <li>Anthropic: {@code anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}}
 *       with RFC 3339 resets; of the three token figures the tightest (lowest remaining fraction) wins;
 *   <li>OpenRouter style: {@code x-ratelimit-{limit,remaining,reset}} for requests, reset in epoch
 *       milliseconds (epoch seconds and small second counts are accepted too);
 *   <li>Account usage windows (ChatGPT accounts through the Codex backend):
 *       {@code x-codex-{primary,secondary}-used-percent} with {@code -reset-at} (epoch seconds) or
 *       {@code -reset-after-seconds}, e.g. a 5-hour and a 7-day window. Read as the token figures, in
 *       percent (limit 100, remaining 100 minus used), the tighter window winning, when the upstream
 *       sent no token figures of its own: the key's headroom then follows its account's utilisation;
 *   <li>{@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date.
 * </ul>
 *
 * Unparseable values are ignored, never thrown: headers are untrusted input on the hot path.
 */
public final class RateLimitHeaders {

  private static final String[] ANTHROPIC_TOKEN_KINDS = {"tokens", "input-tokens", "output-tokens"};

  private RateLimitHeaders() {}

  /** Every rate-limit figure the headers carry; {@link RateLimitUpdate#NONE} when there are none. */
  public static RateLimitUpdate parse(HeaderSource h, Instant now) {
    Dimension requests = openAi(h, "requests", now);
    Dimension tokens = openAi(h, "tokens", now);
    if (requests == null) {
      requests = anthropic(h, "requests");
    }
    if (tokens == null) {
      for (String kind : ANTHROPIC_TOKEN_KINDS) {
        tokens = Dimension.tighter(tokens, anthropic(h, kind));
      }
    }
    if (requests == null) {
      requests = openRouter(h, now);
    }
    if (tokens == null) {
      tokens = Dimension.tighter(usageWindow(h, "primary", now), usageWindow(h, "secondary", now));
    }
    Duration retry = retryAfter(h, now);
    RateLimitUpdate u = new RateLimitUpdate(
        requests == null ? null : requests.limit(), requests == null ? null : requests.remaining(),
        requests == null ? null : requests.reset(),
        tokens == null ? null : tokens.limit(), tokens == null ? null : tokens.remaining(),
        tokens == null ? null : tokens.reset(),
        retry == null ? null : now.plus(retry));
    return u.isEmpty() ? RateLimitUpdate.NONE : u;
  }

  /** How long the upstream asks to wait ({@code retry-after-ms}, else {@code retry-after}), or null. */
  public static Duration retryAfter(HeaderSource h, Instant now) {
    String ms = h.get("retry-after-ms");
    if (ms != null) {
      Double v = number(ms);
      if (v != null) {
        return Duration.ofNanos((long) (Math.max(0, v) * 1_000_000));
      }
    }
    String ra = h.get("retry-after");
    if (ra == null) {
      return null;
    }
    Double seconds = number(ra);
    if (seconds != null) {
      return Duration.ofNanos((long) (Math.max(0, seconds) * 1_000_000_000));
    }
    try {
      Instant at = ZonedDateTime.parse(ra.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Dimension openAi(HeaderSource h, String kind, Instant now) {
    Long limit = integer(h.get("x-ratelimit-limit-" + kind));
    Long remaining = integer(h.get("x-ratelimit-remaining-" + kind));
    Duration in = GoDuration.parse(h.get("x-ratelimit-reset-" + kind));
    return Dimension.of(limit, remaining, in == null ? null : now.plus(in));
  }

  private static Dimension anthropic(HeaderSource h, String kind) {
    String prefix = "anthropic-ratelimit-" + kind + "-";
    return Dimension.of(integer(h.get(prefix + "limit")), integer(h.get(prefix + "remaining")),
        timestamp(h.get(prefix + "reset")));
  }

  private static Dimension openRouter(HeaderSource h, Instant now) {
    return Dimension.of(integer(h.get("x-ratelimit-limit")), integer(h.get("x-ratelimit-remaining")),
        epochOrDelay(h.get("x-ratelimit-reset"), now));
  }

  /** One account usage window as a percentage dimension, or null when the headers do not carry it. */
  private static Dimension usageWindow(HeaderSource h, String which, Instant now) {
    Double used = number(h.get("x-codex-" + which + "-used-percent"));
    if (used == null) {
      return null;
    }
    Long resetAt = integer(h.get("x-codex-" + which + "-reset-at"));
    Long after = integer(h.get("x-codex-" + which + "-reset-after-seconds"));
    Instant reset = resetAt != null ? Instant.ofEpochSecond(resetAt) : after != null ? now.plusSeconds(after) : null;
    return Dimension.of(100L, (long) Math.max(0, Math.floor(100 - used)), reset);
  }

  /** Epoch milliseconds as OpenRouter sends; also epoch seconds, or a small number of seconds from now. */
  private static Instant epochOrDelay(String s, Instant now) {
    Double v = number(s);
    if (v == null) {
      return timestamp(s);
    }
    if (v >= 1e12) {
      return Instant.ofEpochMilli(v.longValue());
    }
    if (v >= 1e9) {
      return Instant.ofEpochMilli((long) (v * 1000));
    }
    return now.plusMillis((long) (v * 1000));
  }

  private static Instant timestamp(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Long integer(String s) {
    Double v = number(s);
    return v == null ? null : Math.max(0L, v.longValue());
  }

  private static Double number(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      double v = Double.parseDouble(s.trim());
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
