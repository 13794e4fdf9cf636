package dev.keypool.serverlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.keypool.config.LogLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recent entries of the server's log: a fixed ring, read by sequence, each entry bounded. */
class LogRingTest {
  private static final LoggerContext CONTEXT = new LoggerContext();

  @Test
  void the_newest_entries_overwrite_the_oldest_and_reads_say_where_they_stand() {
    LogRing ring = new LogRing(4);
    for (int i = 1; i <= 10; i++) {
      ring.add(event(Level.INFO, "line " + i));
    }

    LogRing.Page latest = ring.latest(100, e -> true);
    assertThat(messages(latest)).containsExactly("line 7", "line 8", "line 9", "line 10");
    assertThat(latest.items()).extracting(LogEntry::seq).containsExactly(7L, 8L, 9L, 10L);
    assertThat(latest.next()).isEqualTo(10);
    assertThat(latest.oldest()).isEqualTo(7);

    LogRing.Page afterLost = ring.after(2, 100, e -> true);
    assertThat(messages(afterLost)).as("what was overwritten is gone; the rest comes").containsExactly(
        "line 7", "line 8", "line 9", "line 10");
    assertThat(afterLost.next()).isEqualTo(10);
  }

  @Test
  void pages_follow_one_another_by_sequence_and_a_limit_keeps_the_newest_when_reading_the_latest() {
    LogRing ring = new LogRing(100);
    for (int i = 1; i <= 5; i++) {
      ring.add(event(Level.INFO, "line " + i));
    }

    LogRing.Page newest = ring.latest(2, e -> true);
    assertThat(messages(newest)).containsExactly("line 4", "line 5");
    assertThat(newest.next()).isEqualTo(5);

    LogRing.Page first = ring.after(0, 2, e -> true);
    assertThat(messages(first)).containsExactly("line 1", "line 2");
    LogRing.Page second = ring.after(first.next(), 2, e -> true);
    assertThat(messages(second)).containsExactly("line 3", "line 4");
    LogRing.Page third = ring.after(second.next(), 2, e -> true);
    assertThat(messages(third)).containsExactly("line 5");
    LogRing.Page nothingYet = ring.after(third.next(), 2, e -> true);
    assertThat(nothingYet.items()).isEmpty();
    assertThat(nothingYet.next()).isEqualTo(5);

    ring.add(event(Level.INFO, "line 6"));
    assertThat(messages(ring.after(nothingYet.next(), 2, e -> true))).containsExactly("line 6");
  }

  @Test
  void a_filter_skips_entries_but_the_next_sequence_moves_past_them() {
    LogRing ring = new LogRing(100);
    ring.add(event(Level.WARN, "warned"));
    ring.add(event(Level.INFO, "said"));
    ring.add(event(Level.ERROR, "failed"));
    ring.add(event(Level.DEBUG, "whispered"));

    LogRing.Page page = ring.after(0, 100, e -> e.level().atLeast(LogLevel.WARN));
    assertThat(messages(page)).containsExactly("warned", "failed");
    assertThat(page.items()).extracting(LogEntry::level).containsExactly(LogLevel.WARN, LogLevel.ERROR);
    assertThat(page.next()).isEqualTo(4);
  }

  @Test
  void an_after_past_the_newest_entry_as_after_a_restart_gives_the_newest_sequence() {
    LogRing ring = new LogRing(10);
    ring.add(event(Level.INFO, "only"));

    LogRing.Page page = ring.after(5_000, 10, e -> true);
    assertThat(page.items()).isEmpty();
    assertThat(page.next()).isEqualTo(1);
  }

  @Test
  void resizing_keeps_the_newest_entries_and_the_sequence() {
    LogRing ring = new LogRing(10);
    for (int i = 1; i <= 8; i++) {
      ring.add(event(Level.INFO, "line " + i));
    }
    ring.resize(3);
    assertThat(ring.capacity()).isEqualTo(3);
    assertThat(messages(ring.latest(100, e -> true))).containsExactly("line 6", "line 7", "line 8");

    ring.resize(20);
    assertThat(ring.add(event(Level.INFO, "line 9")).seq()).isEqualTo(9);
    assertThat(messages(ring.latest(100, e -> true))).containsExactly("line 6", "line 7", "line 8", "line 9");
  }

  @Test
  void each_entry_is_bounded_however_long_the_message_and_deep_the_stack() {
    LogRing ring = new LogRing(10);
    LoggingEvent huge = event(Level.ERROR, "x".repeat(1_000_000));
    huge.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(deep(2_000)));
    LogEntry entry = ring.add(huge);

    assertThat(entry.message()).startsWith("xxxx").endsWith("more characters]")
        .hasSizeLessThan(LogEntries.MAX_MESSAGE + 50);
    assertThat(entry.stack()).startsWith("java.lang.IllegalStateException: outer")
        .contains("\tat ").endsWith("... [cut]").hasSizeLessThan(LogEntries.MAX_STACK + 20);
  }

  @Test
  void a_short_stack_is_kept_whole_with_its_causes() {
    Exception thrown = new IllegalStateException("outer", new java.io.IOException("inner"));
    String stack = LogEntries.stack(new ch.qos.logback.classic.spi.ThrowableProxy(thrown), 100_000);
    assertThat(stack).startsWith("java.lang.IllegalStateException: outer\n\tat ")
        .contains("Caused by: java.io.IOException: inner\n").doesNotContain("[cut]");
  }

  @Test
  void a_cut_never_splits_a_surrogate_pair() {
    String text = "a".repeat(9) + "\uD83D\uDE00" + "b".repeat(20);
    assertThat(LogEntries.cut(text, 10)).startsWith("a".repeat(9) + "...");
  }

  @Test
  void console_only_lines_are_not_kept() {
    LogBook book = new LogBook(new LogRing(10));
    LoggingEvent secret = event(Level.WARN, "generated secret");
    secret.addMarker(LogMarkers.CONSOLE_ONLY);
    book.record(secret);
    book.record(event(Level.INFO, "ordinary"));

    assertThat(messages(book.ring().latest(10, e -> true))).containsExactly("ordinary");
  }

  private static Exception deep(int depth) {
    if (depth == 0) {
      return new IllegalStateException("outer", new RuntimeException("cause " + "y".repeat(10_000)));
    }
    return deep(depth - 1);
  }

  private static LoggingEvent event(Level level, String message) {
    LoggingEvent e = new LoggingEvent("dev.keypool.Test", CONTEXT.getLogger("dev.keypool.server.Gateway"), level,
        message, null, null);
    e.setThreadName("test-thread");
    return e;
  }

  private static List<String> messages(LogRing.Page page) {
    return page.items().stream().map(LogEntry::message).toList();
  }
}
