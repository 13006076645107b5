package fr.navette.kiosk.returnbox;

import fr.navette.gpio.DigitalOut;
import fr.navette.gpio.Gpio;
import java.util.EnumMap;
import java.util.Map;

/**
 * The flaps that send a document down to its bin: exactly one diverter output is on at a time, the one of the
 * bin chosen last, and it stays on until the next document (the chute is set before the document falls).
 */
public final class Diverter {
  private final BinPlan plan;
  private final Map<Bin, DigitalOut> outputs = new EnumMap<>(Bin.class);

  public Diverter(Gpio gpio, BinPlan plan) {
    this.plan = plan;
    plan.diverters().forEach((bin, pin) -> outputs.put(bin, gpio.output(pin)));
  }

  /** Sets the way to {@code wanted}'s bin, or to "to sort" where the box has no such bin; returns the bin used. */
  public Bin divert(Bin wanted) {
    Bin bin = plan.resolve(wanted);
    outputs.forEach((other, out) -> {
      if (other != bin) {
        out.set(false);
      }
    });
    outputs.get(bin).set(true);
    return bin;
  }
}
