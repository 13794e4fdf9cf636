package dev.keypool.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Lists and reads the files of a folder on the class path, whether it lies in a jar or in a build folder. */
final class ClasspathFolder {
  private ClasspathFolder() {}

  /** The paths of every file under {@code folder} (no leading or trailing slash), relative to it, with '/' separators. */
  static List<String> list(String folder) {
    URL url = loader().getResource(folder + "/");
    if (url == null) {
      throw new IllegalStateException("'" + folder + "' is not on the class path: the jar was built without the console");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = jarFileSystem(uri)) {
          return walk(jar.getPath(folder));
        } catch (FileSystemAlreadyExistsException e) {
          return walk(FileSystems.getFileSystem(uri).getPath(folder));
        }
      }
      return walk(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bytes of one class path resource; null when there is none. */
  static byte[] read(String resource) {
    try (InputStream in = loader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileSystem jarFileSystem(URI uri) throws IOException {
    return FileSystems.newFileSystem(uri, Map.of());
  }

  private static List<String> walk(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
    }
    out.sort(null);
    return out;
  }

  private static ClassLoader loader() {
    return ClasspathFolder.class.getClassLoader();
  }
}
