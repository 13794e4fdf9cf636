package dev.keypool.tracking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attempts} column of {@code request_records}: a request's upstream tries as a JSON array
 * with one object per try, named like the columns of the {@code request_attempts} view that shows
 * them as rows ({@code attempt_no}, {@code provider_id}, ... {@code started_at} in epoch milliseconds).
 *
 * <p>Why a column and not a table: an attempt row in a table of its own cost the record writer about
 * a quarter of its time (two more B-trees to insert into per record), for data that is only ever read
 * together with its request. Null fields are left out; no attempts is SQL NULL.
 */
final class AttemptsJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

  private AttemptsJson() {}

  /**
   * The JSON array of {@code attempts}, or null when there are none. For PostgreSQL, U+0000 in a
   * text becomes U+FFFD as in every other text column: its {@code jsonb}, used by the view, refuses
   * the escaped {@code \u0000}.
   */
  static String encode(List<AttemptRecord> attempts, boolean postgres) {
    if (attempts.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder(200 * attempts.size()).append('[');
    for (AttemptRecord a : attempts) {
      out.append(out.length() == 1 ? "{" : ",{").append("\"attempt_no\":").append(a.attemptNo());
      text(out, "provider_id", a.providerId(), postgres);
      text(out, "provider_key_id", a.providerKeyId(), postgres);
      text(out, "upstream_model", a.upstreamModel(), postgres);
      out.append(",\"status\":").append(a.status());
      text(out, "failure_class", a.failureClass(), postgres);
      text(out, "message", a.message(), postgres);
      out.append(",\"latency_millis\":").append(a.latencyMillis()).append(",\"bytes\":").append(a.bytes());
      if (a.startedAt() != null) {
        out.append(",\"started_at\":").append(a.startedAt().toEpochMilli());
      }
      out.append('}');
    }
    return out.append(']').toString();
  }

  /** The attempts of an {@code attempts} column value; empty for SQL NULL. */
  static List<AttemptRecord> decode(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    List<AttemptRecord> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_ARRAY);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        out.add(attempt(p));
      }
    } catch (IOException e) {
      throw new IllegalStateException("malformed attempts column: " + e.getMessage(), e);
    }
    return out;
  }

  private static AttemptRecord attempt(JsonParser p) throws IOException {
    int attemptNo = 0;
    int status = 0;
    long latency = 0;
    long bytes = 0;
    String providerId = null;
    String keyId = null;
    String model = null;
    String failureClass = null;
    String message = null;
    Instant startedAt = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "attempt_no" -> attemptNo = p.getIntValue();
        case "provider_id" -> providerId = p.getText();
        case "provider_key_id" -> keyId = p.getText();
        case "upstream_model" -> model = p.getText();
        case "status" -> status = p.getIntValue();
        case "failure_class" -> failureClass = p.getText();
        case "message" -> message = p.getText();
        case "latency_millis" -> latency = p.getLongValue();
        case "bytes" -> bytes = p.getLongValue();
        case "started_at" -> startedAt = Instant.ofEpochMilli(p.getLongValue());
        default -> p.skipChildren(); // written by a later version
      }
    }
    return new AttemptRecord(attemptNo, providerId, keyId, model, status, failureClass, message, latency, bytes,
        startedAt);
  }

  private static void text(StringBuilder out, String name, String value, boolean postgres) {
    if (value == null) {
      return;
    }
    String v = postgres ? value.replace('\u0000', '\uFFFD') : value;
    out.append(",\"").append(name).append("\":\"");
    if (needsEscaping(v)) {
      ESCAPE.quoteAsString(v, out);
    } else {
      out.append(v); // ids and model names, nearly always: copied whole instead of char by char
    }
    out.append('"');
  }

  private static boolean needsEscaping(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + ", found " + actual);
    }
  }
}
