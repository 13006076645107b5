package fr.navette.kiosk.returnbox;

import java.util.Locale;

/**
 * The bins a return box can sort into. A box need not have them all: {@link BinPlan} sends a document whose
 * bin is missing to {@link #TO_SORT}, the one bin every box has.
 */
public enum Bin {
  /** Stays here: back on this branch's shelves. */
  SHELVES,
  /** Rides the shuttle: to its home branch, or to the branch where a patron waits for it. */
  SHUTTLE,
  /** A patron waits for it here: to the hold shelf. */
  HOLDS,
  /** Staff must look at it: unreadable, foreign, refused by the SIGB, or not re-armed. */
  PROBLEMS,
  /** No answer yet (offline, slow SIGB): staff sort it by hand; the checkin follows by itself. */
  TO_SORT;

  /** The name used in configuration files, e.g. {@code to-sort}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Bin parse(String configName) {
    for (Bin bin : values()) {
      if (bin.configName().equals(configName)) {
        return bin;
      }
    }
    throw new IllegalArgumentException("unknown bin '" + configName + "' (expected one of shelves, shuttle, holds, "
        + "problems, to-sort)");
  }
}
