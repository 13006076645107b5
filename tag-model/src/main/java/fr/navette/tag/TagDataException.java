package fr.navette.tag;

/**
 * The one error of this library: tag bytes that cannot be trusted, or values that cannot be
 * encoded. The message names what is wrong (the CRC, the element cut short, the version ...).
 */
public final class TagDataException extends Exception {

  /** What kind of problem, for callers that act on it (e.g. "rewrite the tag" vs "unknown tag"). */
  public enum Problem {
    EMPTY,
    BAD_CRC,
    TRUNCATED,
    UNSUPPORTED_VERSION,
    INVALID_VALUE,
    UNRECOGNISED,
    CANNOT_ENCODE
  }

  private final Problem problem;

  public TagDataException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
