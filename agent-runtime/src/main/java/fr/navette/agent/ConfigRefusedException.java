package fr.navette.agent;

/** A device refuses a configuration; the message is the reason sent back to the hub (name the setting). */
public final class ConfigRefusedException extends Exception {
  public ConfigRefusedException(String reason) {
    super(reason);
  }
}
