package fr.navette.kiosk.selfcheck;

import java.util.List;

/**
 * Demo mode only: lets the kiosk's page lay documents (and patron cards) on a simulated pad. The demo supplies
 * it; a real kiosk has none, and its page shows no such controls.
 */
public interface DemoPad {
  /**
   * @param key what the page sends back; @param label what it shows, in the language the page is in;
   * @param onPad whether it lies there now
   */
  record Choice(String key, Text label, boolean onPad) {}

  List<Choice> choices();

  void place(String key);

  void remove(String key);

  void clear();
}
