package fr.navette.kiosk.returnbox;

import fr.navette.gpio.PinSpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bins this box has and the diverter output that opens the way to each. {@code to-sort} is required: it
 * is where everything goes that has no bin of its own here (a two-bin box sorts "shuttle" and "to sort" only).
 */
public record BinPlan(Map<Bin, PinSpec> diverters) {
  public BinPlan {
    diverters = Map.copyOf(diverters);
    if (!diverters.containsKey(Bin.TO_SORT)) {
      throw new IllegalArgumentException("bins: the to-sort bin is required (everything without a bin goes there)");
    }
    if (diverters.values().stream().map(PinSpec::bcm).distinct().count() != diverters.size()) {
      throw new IllegalArgumentException("bins: two bins share a diverter pin " + diverters);
    }
  }

  /** The bin a document meant for {@code wanted} actually goes to here. */
  public Bin resolve(Bin wanted) {
    return diverters.containsKey(wanted) ? wanted : Bin.TO_SORT;
  }

  public Optional<PinSpec> diverter(Bin bin) {
    return Optional.ofNullable(diverters.get(bin));
  }

  /** The demo's and tests' five-bin box on BCM pins 5, 6, 13, 19, 26 (active high). */
  public static BinPlan fiveBins() {
    Map<Bin, PinSpec> pins = new EnumMap<>(Bin.class);
    pins.put(Bin.SHELVES, PinSpec.activeHigh("bin-shelves", 5));
    pins.put(Bin.SHUTTLE, PinSpec.activeHigh("bin-shuttle", 6));
    pins.put(Bin.HOLDS, PinSpec.activeHigh("bin-holds", 13));
    pins.put(Bin.PROBLEMS, PinSpec.activeHigh("bin-problems", 19));
    pins.put(Bin.TO_SORT, PinSpec.activeHigh("bin-to-sort", 26));
    return new BinPlan(pins);
  }
}
