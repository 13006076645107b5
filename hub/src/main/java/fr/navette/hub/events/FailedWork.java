package fr.navette.hub.events;

import fr.navette.hub.events.EventStore.StoredEvent;
import fr.navette.hub.text.Said;

/** Told once when the hub gives up the work of an event: staff must look at it (one alert, not one per retry). */
@FunctionalInterface
public interface FailedWork {
  /**
   * @param what the event in the staff's words (e.g. "retour du document … à BR01")
   * @param why the last error
   */
  void failed(StoredEvent event, Said what, String why);
}
