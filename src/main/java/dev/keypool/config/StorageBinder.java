package dev.keypool.config;

import java.util.Base64;

/** Binds and validates the {@code storage} section. */
final class StorageBinder {

  private StorageBinder() {}

  static StorageConfig bind(FieldReader r) {
    String url = r.string("url", ConfigDefaults.STORAGE_URL).trim();
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      // The URL is not echoed: a PostgreSQL URL may carry ?password=.
      r.errors().add(r.path("url"), "must start with jdbc:sqlite: or jdbc:postgresql:");
    }
    String user = emptyToNull(r.string("user", ""));
    String password = emptyToNull(r.secret("password"));
    String key = emptyToNull(r.secret("encryption_key"));
    if (key != null && !isAesKey(key)) {
      r.errors().add(r.path("encryption_key"), "must be base64 of 16, 24 or 32 bytes (e.g. openssl rand -base64 32)");
    }
    int poolSize = r.integer("pool_size", ConfigDefaults.STORAGE_POOL_SIZE, 1, 1000);
    r.finish();
    return new StorageConfig(url, user, password, key, poolSize);
  }

  private static boolean isAesKey(String base64) {
    try {
      int n = Base64.getDecoder().decode(base64.trim()).length;
      return n == 16 || n == 24 || n == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
