package dev.keypool.tracking;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: {@code req_} + the start time in milliseconds (12 hex digits) + 64 random bits (16 hex
 * digits). The time prefix makes ids sort by start time, so the request log's primary-key index grows
 * at its right edge instead of being written at random places, which roughly doubles how many records
 * per second SQLite stores; the random part keeps ids of many instances apart. The request log finds
 * a record by the start time its id carries ({@link #startMillis}).
 */
public final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  public static String next(long epochMillis) {
    char[] id = new char[4 + 12 + 16];
    id[0] = 'r';
    id[1] = 'e';
    id[2] = 'q';
    id[3] = '_';
    hex(id, 4, 12, epochMillis);
    hex(id, 16, 16, ThreadLocalRandom.current().nextLong());
    return new String(id);
  }

  /** The start time {@code id} carries, or empty for an id of another form (such as older random ids). */
  public static OptionalLong startMillis(String id) {
    if (id == null || id.length() != 4 + 12 + 16 || !id.startsWith("req_")) {
      return OptionalLong.empty();
    }
    long millis = 0;
    for (int i = 4; i < 16; i++) {
      int digit = Character.digit(id.charAt(i), 16);
      if (digit < 0 || Character.isUpperCase(id.charAt(i))) {
        return OptionalLong.empty();
      }
      millis = (millis << 4) | digit;
    }
    return OptionalLong.of(millis);
  }

  private static void hex(char[] out, int at, int digits, long value) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
