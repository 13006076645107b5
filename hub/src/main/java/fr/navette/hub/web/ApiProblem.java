package fr.navette.hub.web;

import fr.navette.hub.text.Said;
import io.helidon.http.Status;

/**
 * What a client got wrong, and the status that says so: thrown by the API's readers and handlers, answered by
 * {@link JsonAnswers} as {@code {"error": message}}. The message names what was wrong, never a secret.
 */
public final class ApiProblem extends RuntimeException {
  private final Status status;
  private final transient Said text;

  private ApiProblem(Status status, String message) {
    super(message, null, false, false);
    this.status = status;
    this.text = null;
  }

  /** A refusal staff read: said in the language of the request ({@link #inLanguage}). */
  private ApiProblem(Status status, Said text) {
    super(text.french(), null, false, false);
    this.status = status;
    this.text = text;
  }

  public static ApiProblem badRequest(Said text) {
    return new ApiProblem(Status.BAD_REQUEST_400, text);
  }

  public static ApiProblem conflict(Said text) {
    return new ApiProblem(Status.CONFLICT_409, text);
  }

  /** Outside the asker's role or branches (an alarm of another branch…). */
  public static ApiProblem forbidden(Said text) {
    return new ApiProblem(Status.FORBIDDEN_403, text);
  }

  public static ApiProblem notFound(Said text) {
    return new ApiProblem(Status.NOT_FOUND_404, text);
  }

  /** The message in the language of the request being answered. */
  String inLanguage() {
    return text == null ? getMessage() : text.in(RequestLanguage.current());
  }

  public static ApiProblem badRequest(String message) {
    return new ApiProblem(Status.BAD_REQUEST_400, message);
  }

  public static ApiProblem notFound(String message) {
    return new ApiProblem(Status.NOT_FOUND_404, message);
  }

  public static ApiProblem conflict(String message) {
    return new ApiProblem(Status.CONFLICT_409, message);
  }

  static ApiProblem tooLarge() {
    return new ApiProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, JsonAnswers.TOO_LARGE);
  }

  /**
   * A value a client sent, fit for a message or a log line: cut short (an id may be 10,000 characters), control
   * characters shown as {@code ?} (a decoded {@code %0A} in a path would forge a log line).
   */
  public static String abbreviated(String text) {
    String shown = text.length() <= 100 ? text : text.substring(0, 100) + "…";
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  Status status() {
    return status;
  }
}
