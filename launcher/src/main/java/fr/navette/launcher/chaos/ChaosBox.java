package fr.navette.launcher.chaos;

import java.time.Duration;

/** A return box of the run, in the run's JVM or in a process of its own. */
interface ChaosBox extends AutoCloseable {
  String site();

  String deviceId();

  /** Drops one document; {@code NO_ANSWER} also when the box's process was killed meanwhile. */
  BoxCore.Dropped drop(long uid, String itemId, String ownerIsil);

  void clockOffset(Duration offset);

  /** The box's outbox high-water mark: every sequence number up to it must be at the hub once. */
  long lastSequence();

  /** Whether the box can be killed with SIGKILL (it runs in a process of its own). */
  default boolean killable() {
    return false;
  }

  /** SIGKILL of the box's process. */
  default void kill() {
    throw new UnsupportedOperationException(deviceId() + " runs in the run's JVM");
  }

  /** Starts the box again on its data folder after {@link #kill()}. */
  default void restart() {
    throw new UnsupportedOperationException(deviceId() + " runs in the run's JVM");
  }

  @Override
  void close();
}
