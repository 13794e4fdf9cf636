package dev.keypool.config;

/** Binds {@code cors}: the browser origins allowed on the proxy port. */
final class CorsBinder {
  private CorsBinder() {}

  static CorsConfig bind(FieldReader r) {
    var cors = new CorsConfig(OriginList.read(r, "allowed_origins", CorsConfig.ANY),
        r.duration("max_age", ConfigDefaults.CORS_MAX_AGE, true));
    r.finish();
    return cors;
  }
}
