package dev.keypool.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * The journal's line format: one {@link RequestRecord} (attempts included) as one line of JSON.
 *
 * <p>Instants are ISO-8601 strings at full precision, written by hand rather than through the
 * jackson-datatype-jsr310 module, which would be a dependency for two types. Unknown fields are
 * ignored so that a journal written by a newer version still replays on an older one.
 */
final class JournalCodec {

  private final ObjectMapper json;

  JournalCodec() {
    var instants = new SimpleModule("instants")
        .addSerializer(Instant.class, ToStringSerializer.instance)
        .addDeserializer(Instant.class, new InstantDeserializer());
    this.json = new ObjectMapper()
        .registerModule(instants)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** The record as one line of JSON, without the line break (JSON strings escape their own). */
  String encode(RequestRecord r) {
    try {
      return json.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode request record " + r.id(), e);
    }
  }

  RequestRecord decode(String line) throws JsonProcessingException {
    return json.readValue(line, RequestRecord.class);
  }

  private static final class InstantDeserializer extends FromStringDeserializer<Instant> {
    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    protected Instant _deserialize(String value, DeserializationContext ctxt) {
      return Instant.parse(value);
    }
  }
}
