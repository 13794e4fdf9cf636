package dev.keypool.console;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * One file the console serves, held in memory in plain and gzip form (compressed once, at start, not per
 * request) with a strong ETag.
 */
record Asset(Buffer plain, Buffer gzip, String contentType, String etag) {

  static Asset of(String name, byte[] bytes) {
    byte[] packed = gzip(bytes);
    // Compression that does not pay (tiny files) is not offered.
    Buffer gz = packed.length < bytes.length * 0.9 ? Buffer.buffer(packed) : null;
    return new Asset(Buffer.buffer(bytes), gz, contentType(name), "\"" + hex(sha256(bytes)).substring(0, 32) + "\"");
  }

  static Asset of(String name, String text) {
    return of(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Base64(String text) {
    return Base64.getEncoder().encodeToString(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] gzip(byte[] bytes) {
    var out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String contentType(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".js") || n.endsWith(".mjs")) {
      return "text/javascript; charset=utf-8";
    } else if (n.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (n.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (n.endsWith(".svg")) {
      return "image/svg+xml";
    } else if (n.endsWith(".png")) {
      return "image/png";
    } else if (n.endsWith(".json")) {
      return "application/json";
    }
    return "application/octet-stream";
  }
}
