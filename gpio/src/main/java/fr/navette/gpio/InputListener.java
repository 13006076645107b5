package fr.navette.gpio;

/** Told of each change of an input's logical state. */
@FunctionalInterface
public interface InputListener {
  /**
   * @param input     the input that changed
   * @param active    its new logical state
   * @param nanoTime  {@link System#nanoTime()} when the edge was seen, for ordering edges of several inputs
   */
  void changed(DigitalIn input, boolean active, long nanoTime);
}
