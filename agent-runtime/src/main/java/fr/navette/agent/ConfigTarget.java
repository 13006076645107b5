package fr.navette.agent;

import fr.navette.schema.DeviceConfig;

/** What a device does with a configuration: check all of it first, then apply it. */
public interface ConfigTarget {
  /** Checks every setting; nothing is applied yet. */
  void validate(DeviceConfig config) throws ConfigRefusedException;

  /** Applies a validated config. Throwing here refuses it too, and the old one stays in force. */
  void apply(DeviceConfig config) throws ConfigRefusedException;
}
