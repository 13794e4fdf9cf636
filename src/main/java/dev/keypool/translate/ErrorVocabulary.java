package dev.keypool.translate;

import io.vertx.core.buffer.Buffer;

/**
 * One wire format's error vocabulary: how its statuses and error types map to {@link ErrorCategory}
 * and back, and how its error bodies look. Implemented in each provider package.
 */
public interface ErrorVocabulary {

  /** The category of an error this format's upstream answered with; {@code type} may be null. */
  ErrorCategory classify(int status, String type, String code);

  /** The status and type a client of this format expects for a category. */
  ClientError render(ErrorCategory category, String message);

  /** The error body for a client of this format. */
  Buffer body(ClientError error);
}
