package dev.keypool.reload;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares and combines configuration records component by component. Reflection rather than a list
 * of fields written out: a section added to a configuration record later is covered at once (it is
 * reported as needing a restart until the reload learns to swap it), so no change is ever silently lost.
 */
final class RecordFields {
  private RecordFields() {}

  /** The components of {@code a} and {@code b} (same record class) outside {@code skip} whose values differ. */
  static List<String> differing(Record a, Record b, Set<String> skip) {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      if (!skip.contains(c.getName()) && !Objects.equals(value(c, a), value(c, b))) {
        out.add(c.getName());
      }
    }
    return out;
  }

  /** A copy of {@code base} with the components named in {@code taken} taken from {@code from}. */
  static <R extends Record> R merge(R base, R from, Set<String> taken) {
    RecordComponent[] components = base.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = value(components[i], taken.contains(components[i].getName()) ? from : base);
    }
    return build(base, values);
  }

  /** A copy of {@code base} with its component {@code name} set to {@code value}. */
  static <R extends Record> R with(R base, String name, Object value) {
    RecordComponent[] components = base.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = components[i].getName().equals(name) ? value : value(components[i], base);
    }
    return build(base, values);
  }

  @SuppressWarnings("unchecked")
  private static <R extends Record> R build(R base, Object[] values) {
    RecordComponent[] components = base.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      var constructor = base.getClass().getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return (R) constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild " + base.getClass().getSimpleName(), e);
    }
  }

  /** The value of {@code r}'s component {@code name}. */
  @SuppressWarnings("unchecked")
  static <T> T component(Record r, String name) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return (T) value(c, r);
      }
    }
    throw new IllegalArgumentException(r.getClass().getSimpleName() + " has no component " + name);
  }

  /** {@code gatewayKeys} as the file spells it: {@code gateway_keys}. */
  static String fileName(String component) {
    return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }
}
