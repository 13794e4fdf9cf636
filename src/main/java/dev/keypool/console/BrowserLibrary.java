package dev.keypool.console;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A browser library the console imports, shipped in a WebJar or mvnpm jar. Its version is read from the
 * jar's own Maven metadata, so upgrading the dependency in the build is the whole upgrade.
 *
 * @param name the name the console's modules import it by (the import map's key for {@code entry})
 * @param group the Maven group of its jar
 * @param folder the jar's resource folder, with {@code {version}} where the version goes
 * @param modules import name -> file under the folder, for the import map
 * @param files every file served (modules and style sheets)
 */
record BrowserLibrary(String name, String group, String folder, Map<String, String> modules, List<String> files) {

  /** The libraries of the console: Preact (components and hooks), htm (templates without a build) and uPlot (charts). */
  static List<BrowserLibrary> console() {
    return List.of(
        new BrowserLibrary("preact", "org.webjars.npm", "META-INF/resources/webjars/preact/{version}/",
            Map.of("preact", "dist/preact.module.js", "preact/hooks", "hooks/dist/hooks.module.js"),
            List.of("dist/preact.module.js", "hooks/dist/hooks.module.js")),
        new BrowserLibrary("htm", "org.mvnpm", "META-INF/resources/_static/htm/{version}/",
            Map.of("htm", "dist/htm.module.js"), List.of("dist/htm.module.js")),
        new BrowserLibrary("uplot", "org.webjars.npm", "META-INF/resources/webjars/uplot/{version}/",
            Map.of("uplot", "dist/uPlot.esm.js"), List.of("dist/uPlot.esm.js", "dist/uPlot.min.css")));
  }

  /** The version of the library's jar on the class path. */
  String version() {
    String resource = "META-INF/maven/" + group + "/" + name + "/pom.properties";
    byte[] bytes = ClasspathFolder.read(resource);
    if (bytes == null) {
      throw new IllegalStateException("browser library " + name + " is missing from the class path (" + resource + ")");
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p.getProperty("version");
  }

  /** The URL path the library is served under; the version in it lets browsers keep its files forever. */
  String urlBase() {
    return "/assets/lib/" + name + "/" + version() + "/";
  }

  String resourceOf(String file) {
    return folder.replace("{version}", version()) + file;
  }
}
