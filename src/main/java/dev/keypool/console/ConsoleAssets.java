package dev.keypool.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every file of the web console, read from the jar once at start (blocking: call it off the event loop).
 * The console's own modules are served under {@code /assets/<hash>/}, the hash of all their bytes, and each
 * library under its name and version: both change whenever their content does, so browsers may keep
 * them for a year. Only {@code /} (the page that names them) is checked again on every visit.
 */
public final class ConsoleAssets {
  static final String FOLDER = "console";
  private static final String INDEX = "index.html";

  private final Map<String, Asset> byPath;
  private final Asset index;
  private final String importMapHash;
  private final String appBase;

  private ConsoleAssets(Map<String, Asset> byPath, Asset index, String importMapHash, String appBase) {
    this.byPath = Map.copyOf(byPath);
    this.index = index;
    this.importMapHash = importMapHash;
    this.appBase = appBase;
  }

  /** The console as the jar holds it. */
  public static ConsoleAssets load() {
    Map<String, byte[]> own = new TreeMap<>();
    for (String file : ClasspathFolder.list(FOLDER)) {
      own.put(file, ClasspathFolder.read(FOLDER + "/" + file));
    }
    return build(own);
  }

  /** The console as a source folder holds it (for working on the console: see {@link ConsoleRoutes}). */
  static ConsoleAssets loadFrom(java.nio.file.Path folder) {
    Map<String, byte[]> own = new TreeMap<>();
    try (var files = java.nio.file.Files.walk(folder)) {
      for (var p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        own.put(folder.relativize(p).toString().replace('\\', '/'), java.nio.file.Files.readAllBytes(p));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return build(own);
  }

  private static ConsoleAssets build(Map<String, byte[]> own) {
    byte[] template = own.remove(INDEX);
    if (template == null) {
      throw new IllegalStateException("the console has no " + INDEX);
    }
    String appBase = "/assets/" + contentHash(own) + "/";
    Map<String, Asset> assets = new HashMap<>();
    own.forEach((file, bytes) -> assets.put(appBase + file, Asset.of(file, bytes)));
    ObjectNode imports = new ObjectMapper().createObjectNode();
    for (BrowserLibrary lib : BrowserLibrary.console()) {
      String base = lib.urlBase();
      for (String file : lib.files()) {
        byte[] bytes = ClasspathFolder.read(lib.resourceOf(file));
        if (bytes == null) {
          throw new IllegalStateException("browser library " + lib.name() + " has no " + file);
        }
        assets.put(base + file, Asset.of(file, bytes));
      }
      lib.modules().forEach((name, file) -> imports.put(name, base + file));
    }
    String importMap = "{\"imports\":" + imports + "}";
    String uplotCss = BrowserLibrary.console().stream().filter(l -> l.name().equals("uplot")).findFirst()
        .map(l -> l.urlBase() + "dist/uPlot.min.css").orElseThrow();
    String page = new String(template, StandardCharsets.UTF_8)
        .replace("{{importmap}}", importMap)
        .replace("{{app}}", appBase)
        .replace("{{uplot_css}}", uplotCss);
    return new ConsoleAssets(assets, Asset.of(INDEX, page), Asset.sha256Base64(importMap), appBase);
  }

  /** The asset served at an {@code /assets/...} path; null if none. */
  Asset find(String path) {
    return byPath.get(path);
  }

  Asset index() {
    return index;
  }

  /** The Content-Security-Policy of the console page: the import map is its one inline script, allowed by its hash. */
  String pagePolicy() {
    return "default-src 'self'; script-src 'self' 'sha256-" + importMapHash + "'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  /** Where the console's own modules are served, ending in '/'. */
  public String appBase() {
    return appBase;
  }

  private static String contentHash(Map<String, byte[]> files) {
    var all = new java.io.ByteArrayOutputStream();
    files.forEach((name, bytes) -> {
      all.writeBytes(name.getBytes(StandardCharsets.UTF_8));
      all.write(0);
      all.writeBytes(bytes);
    });
    return Asset.hex(Asset.sha256(all.toByteArray())).substring(0, 12);
  }
}
