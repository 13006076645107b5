package fr.navette.sip2.codec;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array no one else holds, made by the parser and the message builder and
 * taken by {@link Sip2Message} as is. {@code List.copyOf} would copy every list twice more (an exchange with
 * a SIGB builds and reads several messages, and the hub reads thousands of replies). Fixed values the parser
 * has already checked against their layout say so ({@link #checkedFor}), so that they are not checked again;
 * a list from anywhere else is copied and checked as before.
 */
final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
  private final Object[] items;
  private final MessageType checkedFor;

  private FrozenList(Object[] items, MessageType checkedFor) {
    this.items = items;
    this.checkedFor = checkedFor;
  }

  /** The first {@code size} items, which must not be null; the array is copied only if longer. */
  static <E> FrozenList<E> of(Object[] items, int size, MessageType checkedFor) {
    return new FrozenList<>(size == items.length ? items : Arrays.copyOf(items, size), checkedFor);
  }

  /** This list if it is one of ours, else a null-checked copy. */
  @SuppressWarnings("unchecked")
  static <E> FrozenList<E> copyOf(List<? extends E> list) {
    if (list instanceof FrozenList<?> f) {
      return (FrozenList<E>) f;
    }
    Object[] a = list.toArray();
    for (Object o : a) {
      Objects.requireNonNull(o);
    }
    return new FrozenList<>(a, null);
  }

  /** True when these are fixed values the parser checked against {@code type}'s layout. */
  boolean checkedFor(MessageType type) {
    return checkedFor == type;
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    Objects.checkIndex(index, items.length);
    return (E) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public int indexOf(Object o) {
    Objects.requireNonNull(o); // as List.copyOf's lists do
    for (int i = 0; i < items.length; i++) {
      if (o.equals(items[i])) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean contains(Object o) {
    return indexOf(o) >= 0;
  }
}
