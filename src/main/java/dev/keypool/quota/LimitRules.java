package dev.keypool.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The limits set on one subject (a gateway key, a user, an org, every client IP) before the subject
 * is known: what the configuration file, the admin API and the database hold. One JSON object, each
 * field one rule:
 *
 * <pre>{"requests_per_second": 5, "requests_per_minute": 60, "tokens_per_minute": 100000,
 *  "tokens_per_day": 2000000, "cost_usd_per_month": 50, "concurrent": 4}</pre>
 *
 * Field names are {@code requests|tokens|cost_usd} + {@code _per_} + {@code second|minute|hour|day|month},
 * and {@code concurrent}. Cost is in US dollars here and nanos of a dollar inside.
 */
public record LimitRules(List<Rule> rules) {

  public static final LimitRules NONE = new LimitRules(List.of());

  /** One rule: at most {@code max} of {@code kind} per {@code period} (no period for concurrency). */
  public record Rule(LimitKind kind, Period period, long max) {
    public Rule {
      new Limit(LimitScope.GATEWAY_KEY, "-", kind, period, max); // same validation as a Limit
    }

    /** The JSON field name of this rule. */
    public String field() {
      if (kind == LimitKind.CONCURRENT) {
        return "concurrent";
      }
      String what = switch (kind) {
        case REQUESTS -> "requests";
        case TOKENS -> "tokens";
        case COST_NANOS -> "cost_usd";
        case CONCURRENT -> throw new AssertionError();
      };
      return what + "_per_" + period.label();
    }
  }

  public LimitRules {
    rules = List.copyOf(rules);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** These rules applied to one subject. */
  public List<Limit> forSubject(LimitScope scope, String id) {
    List<Limit> limits = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      limits.add(new Limit(scope, id, r.kind(), r.period(), r.max()));
    }
    return limits;
  }

  /** The rule for this kind and period, or null. */
  public Rule rule(LimitKind kind, Period period) {
    for (Rule r : rules) {
      if (r.kind() == kind && r.period() == period) {
        return r;
      }
    }
    return null;
  }

  /**
   * Parses the JSON object form (already read into a map). Null or empty means no limits; a null
   * value removes that rule. Throws {@link IllegalArgumentException} naming the bad field.
   */
  public static LimitRules parse(Map<String, ?> fields) {
    if (fields == null || fields.isEmpty()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      String field = e.getKey();
      Object value = e.getValue();
      if (value == null) {
        continue;
      }
      LimitKind kind;
      Period period = null;
      if (field.equals("concurrent")) {
        kind = LimitKind.CONCURRENT;
      } else {
        int at = field.indexOf("_per_");
        if (at < 0) {
          throw unknown(field);
        }
        kind = switch (field.substring(0, at)) {
          case "requests" -> LimitKind.REQUESTS;
          case "tokens" -> LimitKind.TOKENS;
          case "cost_usd" -> LimitKind.COST_NANOS;
          default -> throw unknown(field);
        };
        period = period(field, field.substring(at + "_per_".length()));
      }
      long max = kind == LimitKind.COST_NANOS ? usdToNanos(field, value) : whole(field, value);
      rules.add(new Rule(kind, period, max));
    }
    return new LimitRules(rules);
  }

  /** The JSON object form: field name to number (cost in dollars as a decimal). */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      out.put(r.field(), r.kind() == LimitKind.COST_NANOS
          ? BigDecimal.valueOf(r.max(), 9).stripTrailingZeros() : (Object) r.max());
    }
    return out;
  }

  private static Period period(String field, String word) {
    for (Period p : Period.values()) {
      if (p.label().equals(word)) {
        return p;
      }
    }
    throw unknown(field);
  }

  private static long whole(String field, Object value) {
    BigDecimal n = number(field, value);
    try {
      return n.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("limit '" + field + "' must be a whole number, got " + value);
    }
  }

  private static long usdToNanos(String field, Object value) {
    return number(field, value).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private static BigDecimal number(String field, Object value) {
    BigDecimal n;
    if (value instanceof Number num) {
      n = new BigDecimal(num.toString());
    } else if (value instanceof String s) {
      try {
        n = new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("limit '" + field + "' must be a number, got '" + s + "'");
      }
    } else {
      throw new IllegalArgumentException("limit '" + field + "' must be a number, got " + value);
    }
    if (n.signum() < 0) {
      throw new IllegalArgumentException("limit '" + field + "' must not be negative, got " + value);
    }
    return n;
  }

  private static IllegalArgumentException unknown(String field) {
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "unknown limit '%s': use requests_per_<period>, tokens_per_<period>, cost_usd_per_<period> "
            + "(period: second, minute, hour, day, month) or concurrent", field));
  }
}
