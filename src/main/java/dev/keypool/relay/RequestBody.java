package dev.keypool.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A client request body as received, plus the few top-level fields the relay reads: the model, where
 * its value sits in the bytes, and the stream flag. The body is never re-serialized: {@link
 * #withModel(String)} splices the new model name into the original bytes, so every other byte (unknown
 * fields, key order, number formatting, whitespace) reaches the upstream untouched.
 */
public final class RequestBody {
  private static final JsonFactory JSON = new JsonFactory();

  private final byte[] bytes;
  private final String model;
  private final int modelStart;
  private final int modelEnd;
  private final boolean stream;

  private RequestBody(byte[] bytes, String model, int modelStart, int modelEnd, boolean stream) {
    this.bytes = bytes;
    this.model = model;
    this.modelStart = modelStart;
    this.modelEnd = modelEnd;
    this.stream = stream;
  }

  /**
   * Scans a JSON object body in one streaming pass (validating it) and notes {@code model} and
   * {@code stream}.
   *
   * @throws ApiException 400 when the body is not a JSON object or {@code model} is missing or not a string
   */
  public static RequestBody parse(byte[] bytes) {
    String model = null;
    int start = -1;
    int end = -1;
    boolean stream = false;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw invalid("The request body must be a JSON object.");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("model".equals(field) && value == JsonToken.VALUE_STRING) {
          start = (int) p.currentTokenLocation().getByteOffset();
          model = p.getText();
          end = (int) p.currentLocation().getByteOffset();
        } else if ("model".equals(field)) {
          throw invalid("'model' must be a string.");
        } else if ("stream".equals(field)) {
          stream = value == JsonToken.VALUE_TRUE;
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw invalid("The request body is not valid JSON.");
      }
    } catch (IOException e) {
      throw invalid("The request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (model == null || model.isBlank()) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "missing_model", "The request must name a 'model'.", null);
    }
    return new RequestBody(bytes, model, start, end, stream);
  }

  public String model() {
    return model;
  }

  public boolean stream() {
    return stream;
  }

  public int size() {
    return bytes.length;
  }

  /** The body to send upstream for this upstream model name: the original bytes when the name is unchanged. */
  public Buffer withModel(String upstreamModel) {
    if (upstreamModel.equals(model)) {
      return Buffer.buffer(bytes);
    }
    byte[] quoted = ('"' + new String(JsonStringEncoder.getInstance().quoteAsString(upstreamModel)) + '"')
        .getBytes(StandardCharsets.UTF_8);
    Buffer out = Buffer.buffer(bytes.length - (modelEnd - modelStart) + quoted.length);
    out.appendBytes(bytes, 0, modelStart).appendBytes(quoted).appendBytes(bytes, modelEnd, bytes.length - modelEnd);
    return out;
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorKind.INVALID_REQUEST, message);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
