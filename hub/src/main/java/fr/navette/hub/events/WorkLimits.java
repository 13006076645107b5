package fr.navette.hub.events;

import fr.navette.schema.Channel;

/**
 * How many times the hub tries the work an event needs before giving it up ({@code failed}, with one alert that
 * names it). Only failures that are the event's own count — the SIGB answered the hub's status request and still
 * not this one, or the work threw — never a SIGB that is down for everyone: returns wait for it as long as it
 * takes (see {@link ChannelWorker}).
 */
public record WorkLimits(int returnAttempts, int alarmAttempts, int otherAttempts) {
  public WorkLimits {
    requirePositive("returnAttempts", returnAttempts);
    requirePositive("alarmAttempts", alarmAttempts);
    requirePositive("otherAttempts", otherAttempts);
  }

  /** 8 for a return (its own failures backing off 1 s to 2 min: a few minutes), 5 for the rest. */
  public static WorkLimits defaults() {
    return new WorkLimits(8, 5, 5);
  }

  public int attemptsFor(Channel channel) {
    return switch (channel) {
      case RETURN -> returnAttempts;
      case ALARM -> alarmAttempts;
      default -> otherAttempts;
    };
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
