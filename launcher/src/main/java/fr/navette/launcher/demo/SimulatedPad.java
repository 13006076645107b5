package fr.navette.launcher.demo;

import fr.navette.kiosk.selfcheck.DemoPad;
import fr.navette.kiosk.selfcheck.Text;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kiosk's simulated pad, driven from the kiosk's page in demo mode: each choice is one real tag (a document, one
 * part of a set, a patron card) that the page lays on the reader's field or takes off. A tag keeps its state
 * between visits: a document borrowed and laid down again is still disarmed.
 */
public final class SimulatedPad implements DemoPad {
  private final VirtualField field;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private record Entry(Text label, SimulatedTag tag) {}

  public SimulatedPad(VirtualField field) {
    this.field = field;
  }

  /** Adds a choice; {@code key} is what the page sends back. */
  public SimulatedPad offer(String key, Text label, SimulatedTag tag) {
    entries.put(key, new Entry(label, tag));
    return this;
  }

  public SimulatedTag tag(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      throw new IllegalArgumentException("no such demo choice: " + key);
    }
    return e.tag();
  }

  public VirtualField field() {
    return field;
  }

  @Override
  public List<Choice> choices() {
    return entries.entrySet().stream()
        .map(e -> new Choice(e.getKey(), e.getValue().label(), field.find(e.getValue().tag().uid()).isPresent()))
        .toList();
  }

  @Override
  public void place(String key) {
    field.put(tag(key));
  }

  @Override
  public void remove(String key) {
    field.remove(tag(key).uid());
  }

  @Override
  public void clear() {
    field.clear();
  }
}
