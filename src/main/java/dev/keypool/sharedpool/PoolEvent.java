package dev.keypool.sharedpool;

import dev.keypool.keypool.KeyChange;
import dev.keypool.keypool.RateLimitUpdate;
import java.time.Instant;
import java.util.Locale;

/**
 * One message on a shared pool's channel: a change of a key's penalties, a key's upstream rate-limit
 * figures, requests made with a key, "keys changed", or a session bound to a key. Encoded as one line of tab-separated fields,
 * the free-text reason last: {@code v1 kind origin keyId fields... [reason]}. Numbers are epoch ms or
 * counts, {@code -} for unknown.
 *
 * @param origin the instance that published it
 * @param change for {@link Type#CHANGE}
 * @param figures for {@link Type#FIGURES}
 * @param borrowed for {@link Type#BORROWED}: how many requests since the last report
 * @param session for {@link Type#SESSION}
 */
record PoolEvent(Type type, String origin, String keyId, KeyChange change, RateLimitUpdate figures, long borrowed,
    SessionBound session) {

  enum Type { CHANGE, FIGURES, BORROWED, KEYS, SESSION }

  /**
   * A session of a route bound to the event's key at {@code boundAt} (epoch ms); the route id goes last
   * on the wire, as the one field that may hold any character.
   */
  record SessionBound(String routeId, String sessionHash, long boundAt) {}

  private static final String VERSION = "v1";
  private static final char SEP = '\t';

  static PoolEvent change(String origin, KeyChange c) {
    return new PoolEvent(Type.CHANGE, origin, c.keyId(), c, null, 0, null);
  }

  static PoolEvent figures(String origin, String keyId, RateLimitUpdate u) {
    return new PoolEvent(Type.FIGURES, origin, keyId, null, u, 0, null);
  }

  static PoolEvent borrowed(String origin, String keyId, long n) {
    return new PoolEvent(Type.BORROWED, origin, keyId, null, null, n, null);
  }

  static PoolEvent keys(String origin) {
    return new PoolEvent(Type.KEYS, origin, "-", null, null, 0, null);
  }

  static PoolEvent session(String origin, String keyId, SessionBound session) {
    return new PoolEvent(Type.SESSION, origin, keyId, null, null, 0, session);
  }

  /** The metric and log name of the event: the change's kind, or the type. */
  String kind() {
    return (type == Type.CHANGE ? change.kind().name() : type.name()).toLowerCase(Locale.ROOT);
  }

  String encode() {
    StringBuilder b = new StringBuilder(96).append(VERSION).append(SEP).append(kind()).append(SEP).append(origin)
        .append(SEP).append(keyId);
    switch (type) {
      case CHANGE -> {
        field(b, change.until());
        field(b, change.banLengthMs());
        b.append(SEP).append(change.reason() == null ? "" : oneLine(change.reason()));
      }
      case FIGURES -> {
        field(b, figures.requestsLimit());
        field(b, figures.requestsRemaining());
        field(b, millis(figures.requestsReset()));
        field(b, figures.tokensLimit());
        field(b, figures.tokensRemaining());
        field(b, millis(figures.tokensReset()));
      }
      case BORROWED -> field(b, borrowed);
      case KEYS -> { }
      case SESSION -> {
        field(b, session.boundAt());
        b.append(SEP).append(session.sessionHash()).append(SEP).append(oneLine(session.routeId()));
      }
    }
    return b.toString();
  }

  /** The event of a message, or null when it is not one this version reads (another version, garbled). */
  static PoolEvent decode(String message) {
    String[] f = message.split(String.valueOf(SEP), 7);
    if (f.length < 4 || !VERSION.equals(f[0])) {
      return null;
    }
    String origin = f[2];
    String keyId = f[3];
    try {
      return switch (f[1]) {
        case "keys" -> keys(origin);
        case "borrowed" -> borrowed(origin, keyId, Long.parseLong(f[4]));
        case "session" -> session(origin, keyId, new SessionBound(f[6], f[5], Long.parseLong(f[4])));
        case "figures" -> {
          String[] n = message.split(String.valueOf(SEP), 10);
          yield figures(origin, keyId, new RateLimitUpdate(number(n[4]), number(n[5]), instant(n[6]),
              number(n[7]), number(n[8]), instant(n[9]), null));
        }
        default -> {
          KeyChange.Kind kind = KeyChange.Kind.valueOf(f[1].toUpperCase(Locale.ROOT));
          String reason = f.length > 6 && !f[6].isEmpty() ? f[6] : null;
          yield change(origin, new KeyChange(kind, keyId, Long.parseLong(f[4]), Long.parseLong(f[5]), reason));
        }
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void field(StringBuilder b, Long v) {
    b.append(SEP).append(v == null ? "-" : v.toString());
  }

  private static Long millis(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }

  private static Long number(String s) {
    return "-".equals(s) ? null : Long.valueOf(s);
  }

  private static Instant instant(String s) {
    return "-".equals(s) ? null : Instant.ofEpochMilli(Long.parseLong(s));
  }

  private static String oneLine(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
