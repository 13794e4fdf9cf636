package dev.keypool.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Whether a response body is one whole JSON document of the expected kind, read with Jackson's
 * streaming parser (nothing is built; nested values are skipped). The answer names the defect in words
 * and never quotes the body.
 */
final class JsonShape {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonShape() {}

  /**
   * @param arrayAllowed whether a JSON array is as good as an object (Gemini's streamed JSON array)
   * @return null when {@code body} is one complete JSON object (or array when allowed), else the defect
   */
  static String defect(Buffer body, boolean arrayAllowed) {
    try (JsonParser parser = FACTORY.createParser(body.getBytes())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return "an empty body";
      }
      if (first != JsonToken.START_OBJECT && !(arrayAllowed && first == JsonToken.START_ARRAY)) {
        return "JSON " + kind(first) + " where an object was expected";
      }
      parser.skipChildren();
      return parser.nextToken() == null ? null : "more than one JSON value";
    } catch (JsonEOFException e) {
      return "truncated JSON";
    } catch (StreamReadException e) {
      return "not JSON";
    } catch (IOException e) {
      return "unreadable JSON";
    }
  }

  /**
   * What a body starting with this byte (the first one that is not white space) can be: null when it
   * may be a JSON object (or array when allowed), else the defect.
   */
  static String defectOfStart(byte first, boolean arrayAllowed) {
    if (first == '{' || arrayAllowed && first == '[') {
      return null;
    }
    return first == '[' || first == '"' || first == '-' || first >= '0' && first <= '9' || first == 't'
        || first == 'f' || first == 'n' ? "JSON that is not an object" : "not JSON";
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> "value";
    };
  }
}
