package dev.keypool.usage;

import io.vertx.core.buffer.Buffer;

/**
 * The field parser of one complete SSE block: reads the {@code event} and {@code data} fields from
 * its bytes, comparing field names byte by byte so that only the values become strings.
 */
final class SseFields {

  private SseFields() {}

  static SseEvent parse(Buffer raw) {
    String event = null;
    String data = null;
    StringBuilder moreData = null;
    int length = raw.length();
    int lineStart = 0;
    while (lineStart < length) {
      int lineEnd = lineStart;
      while (lineEnd < length && raw.getByte(lineEnd) != '\n' && raw.getByte(lineEnd) != '\r') {
        lineEnd++;
      }
      if (lineEnd > lineStart && raw.getByte(lineStart) != ':') {
        int colon = indexOf(raw, (byte) ':', lineStart, lineEnd);
        int nameEnd = colon < 0 ? lineEnd : colon;
        int valueStart = colon < 0 ? lineEnd : colon + 1;
        if (valueStart < lineEnd && raw.getByte(valueStart) == ' ') {
          valueStart++;
        }
        if (is(raw, lineStart, nameEnd, "data")) {
          String value = raw.getString(valueStart, lineEnd);
          if (data == null) {
            data = value;
          } else {
            moreData = (moreData == null ? new StringBuilder(data) : moreData).append('\n').append(value);
          }
        } else if (is(raw, lineStart, nameEnd, "event")) {
          event = raw.getString(valueStart, lineEnd);
        }
      }
      lineStart = skipLineEnd(raw, lineEnd);
    }
    return new SseEvent(raw, event, moreData == null ? data : moreData.toString());
  }

  private static int skipLineEnd(Buffer raw, int i) {
    if (i < raw.length() && raw.getByte(i) == '\r') {
      i++;
    }
    if (i < raw.length() && raw.getByte(i) == '\n') {
      i++;
    }
    return i;
  }

  private static int indexOf(Buffer raw, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (raw.getByte(i) == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean is(Buffer raw, int from, int to, String ascii) {
    if (to - from != ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (raw.getByte(from + i) != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
