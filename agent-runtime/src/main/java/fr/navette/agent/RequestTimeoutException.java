package fr.navette.agent;

/**
 * The hub did not answer a request before its deadline, or could not be asked at all. Carries what the kiosk
 * shows the patron, French first, English beside.
 */
public final class RequestTimeoutException extends Exception {
  public static final String SCREEN_FR = "Le service ne répond pas. Réessayez dans un instant ou adressez-vous à l'accueil.";
  public static final String SCREEN_EN = "The service is not answering. Try again shortly or ask at the desk.";

  public RequestTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  public String screenFr() {
    return SCREEN_FR;
  }

  public String screenEn() {
    return SCREEN_EN;
  }
}
