package fr.navette.reader;

/** The NXP EAS bit of a tag, where the reader can tell it. */
public enum EasState {
  SET,
  RESET,
  UNKNOWN;

  public static EasState of(boolean set) {
    return set ? SET : RESET;
  }
}
