package dev.keypool.testkit;

/** A request a {@link Browser} saw fail: an HTTP status of 400 or more, or {@code status} 0 and the network error. */
public record FailedRequest(String method, String url, int status, String error) {
  @Override
  public String toString() {
    return method + " " + url + " -> " + (status > 0 ? status : error);
  }
}
