package fr.navette.hub.mqtt;

/** Topic filters as the hub subscribes to them. */
public final class Subscriptions {
  private Subscriptions() {}

  /**
   * The subscription of one hub among several splitting the load ({@code $share/<group>/<filter>}), or the plain
   * filter when {@code shareGroup} is empty (a hub alone on its embedded broker).
   */
  public static String shared(String shareGroup, String filter) {
    return shareGroup.isEmpty() ? filter : "$share/" + shareGroup + "/" + filter;
  }
}
