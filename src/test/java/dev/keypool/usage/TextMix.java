package dev.keypool.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Realistic text for the accuracy of estimates: sections of English prose (this project's docs), code
 * (its Java sources) and Chinese (varied sentences), shuffled with a seed, as a long answer or a
 * pasted document mixes them.
 */
public final class TextMix {
  private static final String[] CHINESE = {
    "今天天气很好，我们去公园散步吧。", "机器学习是人工智能的一个分支，它让计算机从数据中学习。",
    "请把这份报告翻译成英文，并在周五之前发给我。", "这个函数的时间复杂度是线性的，但空间复杂度较高。",
    "北京是中国的首都，也是一座历史悠久的城市。", "我们需要在下一个版本中修复这个错误。",
    "东京の天気は晴れで、気温は二十五度です。", "서울은 한국의 수도이며 인구가 많은 도시입니다。",
    "数据库连接池的大小应该根据并发请求的数量来设置。", "用户反馈说页面加载太慢了，我们正在调查原因。",
  };

  private TextMix() {}

  /** About {@code chars} characters of mixed text. */
  public static String of(int chars, long seed) {
    List<String> prose = sections(Path.of("docs"), ".md");
    List<String> code = sections(Path.of("src/main/java"), ".java");
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder(chars + 20_000);
    while (out.length() < chars) {
      switch (random.nextInt(3)) {
        case 0 -> out.append(prose.get(random.nextInt(prose.size())));
        case 1 -> out.append(code.get(random.nextInt(code.size())));
        default -> {
          for (int i = 0; i < 40; i++) {
            out.append(CHINESE[random.nextInt(CHINESE.length)]);
          }
          out.append("\n\n");
        }
      }
    }
    return out.substring(0, chars);
  }

  private static List<String> sections(Path dir, String suffix) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
        String text = Files.readString(f);
        for (int i = 0; i < text.length(); i += 4000) {
          out.add(text.substring(i, Math.min(text.length(), i + 4000)));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
