package dev.keypool.admin;

/** An admin API error with its HTTP status, rendered as {@code {"error":{"type","message"}}}. */
final class AdminException extends RuntimeException {
  final int status;
  final String type;

  AdminException(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  static AdminException notFound(String what, String id) {
    return new AdminException(404, "not_found", what + " '" + id + "' does not exist.");
  }

  static AdminException invalid(String message) {
    return new AdminException(400, "invalid_request", message);
  }
}
