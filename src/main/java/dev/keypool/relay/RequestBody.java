package dev.keypool.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A client request body as received, plus the few top-level fields the relay reads: the model (and
 * where its value sits in the bytes), the stream flag, {@code stream_options} and the output caps. The
 * body is never re-serialized: {@link #forUpstream} splices the new model name (and, for usage metering,
 * an {@code include_usage} request; a clamped output cap) into the original bytes, so every other byte (unknown fields, key
 * order, number formatting, whitespace) reaches the upstream untouched.
 */
public final class RequestBody {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] INCLUDE_USAGE_FIELD =
      ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

  private final byte[] bytes;
  private final String model;
  private final boolean modelTooLong;
  private final int modelStart;
  private final int modelEnd;
  private final boolean stream;
  private final StreamOptions streamOptions;
  private final int closingBrace;
  private final long maxOutputTokens;
  private final List<OutputCap> caps;
  private final String promptCacheKey;
  private final String metadataUserId;

  /**
   * Where a number capping the output sits in the bytes, and its value; {@code thinking} for Anthropic's
   * {@code thinking.budget_tokens}, which must stay below {@code max_tokens} when that is clamped.
   */
  private record OutputCap(int start, int end, long value, boolean thinking) {}

  /** Where {@code stream_options} sits in the bytes (-1 when absent) and whether it asks for usage. */
  private record StreamOptions(int start, int end, boolean includeUsage) {
    static final StreamOptions ABSENT = new StreamOptions(-1, -1, false);
  }

  private RequestBody(byte[] bytes, String model, int modelStart, int modelEnd, boolean stream,
      StreamOptions streamOptions, int closingBrace, List<OutputCap> caps, String[] session) {
    this.bytes = bytes;
    this.promptCacheKey = session[0];
    this.metadataUserId = session[1];
    this.caps = List.copyOf(caps);
    this.maxOutputTokens = caps.stream().filter(c -> !c.thinking()).mapToLong(OutputCap::value).max().orElse(-1);
    this.model = ModelName.capped(model);
    this.modelTooLong = !ModelName.fits(model);
    this.modelStart = modelStart;
    this.modelEnd = modelEnd;
    this.stream = stream;
    this.streamOptions = streamOptions;
    this.closingBrace = closingBrace;
  }

  /**
   * Scans a JSON object body in one streaming pass (validating it) and notes {@code model} and
   * {@code stream}.
   *
   * @throws ApiException 400 when the body is not a JSON object, {@code model} is missing, or a top-level
   *     field has a type no endpoint accepts ({@link FieldTypes})
   */
  public static RequestBody parse(byte[] bytes) {
    return parse(bytes, null);
  }

  /**
   * Scans a body like {@link #parse(byte[])}; for a Gemini call ({@code gemini} not null) the model and
   * the stream flag come from its path instead, and only an output cap above the target's limit is ever
   * edited in its bytes (the upstream model goes in the upstream path).
   */
  public static RequestBody parse(byte[] bytes, GeminiCall gemini) {
    String model = null;
    int start = -1;
    int end = -1;
    boolean stream = false;
    StreamOptions options = StreamOptions.ABSENT;
    List<OutputCap> caps = new ArrayList<>(1);
    String[] session = new String[2];
    int closing;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw invalid("The request body must be a JSON object.");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        FieldTypes.check(field, value);
        if (gemini != null) {
          if ("generationConfig".equals(field) && value == JsonToken.START_OBJECT) {
            geminiOutputCap(p, caps);
          } else {
            p.skipChildren();
          }
        } else if ("model".equals(field)) {
          start = (int) p.currentTokenLocation().getByteOffset();
          model = p.getText();
          end = (int) p.currentLocation().getByteOffset();
        } else if ("stream".equals(field)) {
          stream = value == JsonToken.VALUE_TRUE;
        } else if ("stream_options".equals(field) && value == JsonToken.START_OBJECT) {
          options = streamOptions(p);
        } else if (value == JsonToken.VALUE_NUMBER_INT && isOutputCap(field)) {
          caps.add(outputCap(p, false));
        } else if ("thinking".equals(field) && value == JsonToken.START_OBJECT) {
          thinkingBudget(p, caps);
        } else if ("prompt_cache_key".equals(field) && value == JsonToken.VALUE_STRING) {
          session[0] = p.getText();
        } else if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
          session[1] = metadataUserId(p);
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw invalid("The request body is not valid JSON.");
      }
      closing = (int) p.currentTokenLocation().getByteOffset();
      if (p.nextToken() != null) {
        throw invalid("The request body is not valid JSON.");
      }
    } catch (IOException e) {
      throw invalid("The request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (gemini != null) {
      return new RequestBody(bytes, gemini.model(), -1, -1, gemini.stream(), StreamOptions.ABSENT, closing, caps,
          session);
    }
    if (model == null || model.isBlank()) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "missing_model", "The request must name a 'model'.", null);
    }
    return new RequestBody(bytes, model, start, end, stream, options, closing, caps, session);
  }

  /** Anthropic's {@code metadata.user_id}, if the object has a string one. */
  private static String metadataUserId(JsonParser p) throws IOException {
    String out = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_STRING && "user_id".equals(name)) {
        out = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  /** The fields by which each format caps the answer's length (chat, newer OpenAI, Responses/Gemini-style). */
  private static boolean isOutputCap(String field) {
    return "max_tokens".equals(field) || "max_completion_tokens".equals(field) || "max_output_tokens".equals(field);
  }

  /** Gemini caps the answer in {@code generationConfig.maxOutputTokens} (or its proto name, {@code max_output_tokens}). */
  private static void geminiOutputCap(JsonParser p, List<OutputCap> caps) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NUMBER_INT && ("maxOutputTokens".equals(name) || "max_output_tokens".equals(name))) {
        caps.add(outputCap(p, false));
      } else {
        p.skipChildren();
      }
    }
  }

  /** Anthropic's {@code thinking.budget_tokens}, if the object has one. */
  private static void thinkingBudget(JsonParser p, List<OutputCap> caps) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NUMBER_INT && "budget_tokens".equals(name)) {
        caps.add(outputCap(p, true));
      } else {
        p.skipChildren();
      }
    }
  }

  private static OutputCap outputCap(JsonParser p, boolean thinking) throws IOException {
    return new OutputCap((int) p.currentTokenLocation().getByteOffset(), (int) p.currentLocation().getByteOffset(),
        Math.max(0, p.getValueAsLong(-1)), thinking);
  }

  private static StreamOptions streamOptions(JsonParser p) throws IOException {
    int start = (int) p.currentTokenLocation().getByteOffset();
    boolean include = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("include_usage".equals(name)) {
        include = v == JsonToken.VALUE_TRUE;
      } else {
        p.skipChildren();
      }
    }
    return new StreamOptions(start, (int) p.currentLocation().getByteOffset(), include);
  }

  /** The model the client asked for, cut to {@link ModelName#MAX_LENGTH} characters. */
  public String model() {
    return model;
  }

  /**
   * Whether the client's model name was longer than {@link ModelName#MAX_LENGTH}: such a request is
   * refused before routing, and only the cut name is kept for its record.
   */
  public boolean modelTooLong() {
    return modelTooLong;
  }

  public boolean stream() {
    return stream;
  }

  /** The top-level {@code prompt_cache_key} (OpenAI chat and Responses), or null; a session id, never logged. */
  public String promptCacheKey() {
    return promptCacheKey;
  }

  /** Anthropic's {@code metadata.user_id}, or null; it names a user and a session, never logged. */
  public String metadataUserId() {
    return metadataUserId;
  }

  /**
   * The client's cap on output tokens ({@code max_tokens} and its variants, Gemini's
   * {@code generationConfig.maxOutputTokens}), or -1 when it set none.
   */
  public long maxOutputTokens() {
    return maxOutputTokens;
  }

  public int size() {
    return bytes.length;
  }

  /** Whether the client itself asked for a usage chunk at the end of its stream. */
  public boolean clientAskedForUsage() {
    return streamOptions.includeUsage();
  }

  /** The raw bytes as the client sent them (for estimates); not to be modified. */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * The body to send upstream: the upstream model name spliced in and, when {@code requestUsage} is
   * set on a stream whose client did not ask for it, {@code stream_options.include_usage} turned on
   * so the upstream reports usage for the stream. Other bytes are unchanged.
   */
  public Buffer forUpstream(String upstreamModel, boolean requestUsage) {
    return forUpstream(upstreamModel, requestUsage, -1);
  }

  /**
   * The body to send upstream as {@link #forUpstream(String, boolean)} makes it, with every output cap
   * above {@code outputCap} (when positive) lowered to it: the target model's output limit. A thinking
   * budget is lowered below it too, since Anthropic refuses a budget that is not below {@code max_tokens}.
   */
  public Buffer forUpstream(String upstreamModel, boolean requestUsage, long outputCap) {
    List<Edit> edits = new ArrayList<>(2);
    if (outputCap > 0) {
      for (OutputCap cap : caps) {
        long most = cap.thinking() ? outputCap - 1 : outputCap;
        if (cap.value() > most && most > 0) {
          edits.add(new Edit(cap.start(), cap.end(), Long.toString(most).getBytes(StandardCharsets.US_ASCII)));
        }
      }
    }
    if (modelStart >= 0 && !upstreamModel.equals(model)) {
      edits.add(new Edit(modelStart, modelEnd, quoted(upstreamModel)));
    }
    if (requestUsage && stream && !streamOptions.includeUsage()) {
      edits.add(streamOptions.start() >= 0
          ? new Edit(streamOptions.start(), streamOptions.end(), includeUsage(streamOptions))
          : new Edit(closingBrace, closingBrace, INCLUDE_USAGE_FIELD));
    }
    if (edits.isEmpty()) {
      return Buffer.buffer(bytes);
    }
    edits.sort(Comparator.comparingInt(Edit::start));
    Buffer out = Buffer.buffer(bytes.length + 48);
    int pos = 0;
    for (Edit e : edits) {
      out.appendBytes(bytes, pos, e.start() - pos).appendBytes(e.replacement());
      pos = e.end();
    }
    return out.appendBytes(bytes, pos, bytes.length - pos);
  }

  /** Bytes {@code [start, end)} of the original body replaced by {@code replacement}. */
  private record Edit(int start, int end, byte[] replacement) {}

  /** The client's stream_options object with include_usage set to true, other options kept. */
  private byte[] includeUsage(StreamOptions options) {
    try {
      var node = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(bytes, options.start(),
          options.end() - options.start());
      node.put("include_usage", true);
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw invalid("'stream_options' is not valid JSON.");
    }
  }

  private static byte[] quoted(String s) {
    return ('"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"').getBytes(StandardCharsets.UTF_8);
  }

  /** The body to send upstream for this upstream model name: the original bytes when the name is unchanged. */
  public Buffer withModel(String upstreamModel) {
    return forUpstream(upstreamModel, false);
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
