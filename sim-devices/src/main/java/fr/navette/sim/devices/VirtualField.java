package fr.navette.sim.devices;

import fr.navette.reader.Uid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RF field of a simulated reader: the tags a patron or a test has put on the pad or carried
 * through the gate. Thread-safe; readers take snapshots.
 */
public final class VirtualField {

  private final Map<Uid, SimulatedTag> tags = new LinkedHashMap<>();

  /** Puts a tag in the field (replacing one with the same UID). */
  public synchronized VirtualField put(SimulatedTag tag) {
    tags.put(tag.uid(), tag);
    return this;
  }

  /** Takes a tag out of the field; true if it was there. */
  public synchronized boolean remove(Uid uid) {
    return tags.remove(uid) != null;
  }

  public synchronized void clear() {
    tags.clear();
  }

  public synchronized Optional<SimulatedTag> find(Uid uid) {
    return Optional.ofNullable(tags.get(uid));
  }

  /** The tags in the field now, in the order they arrived. */
  public synchronized List<SimulatedTag> tags() {
    return new ArrayList<>(tags.values());
  }

  public synchronized int size() {
    return tags.size();
  }
}
