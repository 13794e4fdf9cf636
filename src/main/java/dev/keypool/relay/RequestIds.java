package dev.keypool.relay;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: {@code req_} + the start time in milliseconds (12 hex digits) + 64 random bits (16 hex
 * digits). The time prefix makes ids sort by start time, so the request log's primary-key index grows
 * at its right edge instead of being written at random places, which roughly doubles how many records
 * per second SQLite stores; the random part keeps ids of many instances apart.
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

  private static void hex(char[] out, int at, int digits, long value) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
