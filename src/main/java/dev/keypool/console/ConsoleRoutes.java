package dev.keypool.console;

import dev.keypool.storage.Blocking;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the web console on the admin port: the page at {@code /} and its files under {@code /assets/}.
 * The console is a set of ES modules that talk to the admin API ({@code /api}) like any other client, with
 * the session cookie; routing between its pages happens in the browser ({@code /#/requests}), so the
 * server knows only these two kinds of URL. Every admin response carries the security headers.
 */
public final class ConsoleRoutes {
  private static final String FOREVER = "public, max-age=31536000, immutable";
  /**
   * Set to the console's source folder ({@code src/main/resources/console}), the files are read again at
   * every load of the page, so a change shows on reload without a build. For working on the console only.
   */
  public static final String SOURCE_ENV = "KEYPOOL_CONSOLE_DIR";
  private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);
  // Read from the jar before the port opens (see load), never on the event loop.
  private volatile ConsoleAssets assets;
  private final Path source;
  private final Blocking blocking;

  public ConsoleRoutes(Blocking blocking, String sourceFolder) {
    this.blocking = blocking;
    this.source = sourceFolder == null || sourceFolder.isBlank() ? null : Path.of(sourceFolder);
  }

  /** Reads the console's files; blocking, call it off the event loop before the port listens. */
  public void load() {
    if (source != null) {
      log.warn("serving the console from {} ({}): for working on the console only", source, SOURCE_ENV);
      assets = ConsoleAssets.loadFrom(source);
    } else {
      assets = ConsoleAssets.load();
    }
  }

  /** Mount first: the security headers apply to every answer of the admin port, the API's too. */
  public static void mountHeaders(Router router) {
    router.route().handler(rc -> {
      var h = rc.response().headers();
      h.set("x-content-type-options", "nosniff");
      h.set("referrer-policy", "same-origin");
      h.set("x-frame-options", "DENY");
      // The console page sets its own policy; anything else (JSON, metrics) runs no script at all.
      h.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
      rc.next();
    });
  }

  public void mount(Router router) {
    router.get("/").handler(rc -> {
      if (source != null) {
        blocking.run(() -> assets = ConsoleAssets.loadFrom(source)).onComplete(ar -> page(rc));
      } else {
        page(rc);
      }
    });
    router.get("/assets/*").handler(rc -> {
      Asset asset = assets.find(rc.request().path());
      if (asset == null) {
        rc.response().setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
            .putHeader("cache-control", "no-store").end("Not found. Reload the console: it may have been upgraded.\n");
        return;
      }
      send(rc, asset, FOREVER);
    });
  }

  private void page(RoutingContext rc) {
    rc.response().headers().set("content-security-policy", assets.pagePolicy());
    send(rc, assets.index(), "no-cache");
  }

  private static void send(RoutingContext rc, Asset asset, String cacheControl) {
    HttpServerResponse response = rc.response();
    response.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl).putHeader(HttpHeaders.ETAG, asset.etag())
        .putHeader(HttpHeaders.VARY, "accept-encoding");
    if (asset.etag().equals(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType());
    boolean gzip = asset.gzip() != null && acceptsGzip(rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
    if (gzip) {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
    }
    if (rc.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf((gzip ? asset.gzip() : asset.plain()).length())).end();
      return;
    }
    response.end(gzip ? asset.gzip() : asset.plain());
  }

  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] kv = part.trim().split(";");
      if (kv[0].trim().equalsIgnoreCase("gzip")) {
        return kv.length < 2 || !kv[1].replace(" ", "").equalsIgnoreCase("q=0");
      }
    }
    return false;
  }
}
