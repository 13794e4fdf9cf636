package dev.keypool.config;

/**
 * Where state is kept. {@code url} is a JDBC URL: {@code jdbc:sqlite:data/keypool.db} (the embedded
 * default) or {@code jdbc:postgresql://host:5432/db}. {@code encryptionKey} is a base64 AES key (16, 24
 * or 32 bytes) that encrypts provider secrets at rest; when absent a key file beside the database is
 * created on first start and reused.
 */
public record StorageConfig(String url, String user, String password, String encryptionKey, int poolSize) {

  public boolean isSqlite() {
    return url.startsWith("jdbc:sqlite:");
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** Without the password, the encryption key, or a URL query (which may carry a password). */
  @Override
  public String toString() {
    int query = url.indexOf('?');
    String shownUrl = query < 0 ? url : url.substring(0, query) + "?<redacted>";
    return "StorageConfig[url=" + shownUrl + ", user=" + user
        + ", password=" + (password == null ? "null" : "<redacted>")
        + ", encryptionKey=" + (encryptionKey == null ? "null" : "<redacted>")
        + ", poolSize=" + poolSize + "]";
  }
}
