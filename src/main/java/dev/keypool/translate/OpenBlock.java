package dev.keypool.translate;

import dev.keypool.translate.StreamEvent.ContentBlockStop;
import java.util.List;

/**
 * The content block a stream decoder is writing into, for formats whose chunks carry deltas without
 * block boundaries (OpenAI, Gemini): a delta of another kind than the open block closes it and opens
 * the next index. Blocks are numbered in the order they open, as the canonical stream expects.
 */
public final class OpenBlock {
  private Object kind;
  private int index = -1;
  private int next;

  /** The index of a block of {@code kind}: the open one if it is of that kind, else a new one. */
  public int enter(Object kind, List<StreamEvent> out) {
    if (this.kind != kind) {
      close(out);
      this.kind = kind;
      index = next++;
    }
    return index;
  }

  /** Closes the open block, if any. */
  public void close(List<StreamEvent> out) {
    if (kind != null) {
      out.add(new ContentBlockStop(index));
      kind = null;
    }
  }

  /**
   * Closes the open block and opens a new one of {@code kind} whatever was open (each tool call is its
   * own block, even after another tool call); returns its index.
   */
  public int openNew(Object kind, List<StreamEvent> out) {
    close(out);
    this.kind = kind;
    index = next++;
    return index;
  }
}
