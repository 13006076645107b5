package fr.navette.agent;

import java.nio.file.Path;

/**
 * The outbox file was written by a newer Navette (its schema version is above the one this program knows): a
 * downgrade. Nothing was written to it: installing the newer version again delivers what it holds. Restarting
 * cannot help, so the device's process exits with {@link #EXIT_CODE}, which its systemd unit does not restart on
 * ({@code RestartPreventExitStatus=}).
 */
public final class OutboxFromNewerVersion extends OutboxException {
  /** The process's exit status for this refusal: neither 1 (a failure worth a restart) nor 2 (bad settings). */
  public static final int EXIT_CODE = 3;
  private final Path file;
  private final int fileVersion;
  private final int knownVersion;

  OutboxFromNewerVersion(Path file, int fileVersion, int knownVersion) {
    super("the outbox " + file + " has schema version " + fileVersion + ", written by a newer Navette; this program"
        + " knows versions up to " + knownVersion + ". It was left untouched: install the newer version again (its"
        + " queued events are kept in the file), or move the file aside to start with an empty outbox (its events"
        + " would then never reach the hub)", null);
    this.file = file;
    this.fileVersion = fileVersion;
    this.knownVersion = knownVersion;
  }

  public Path file() {
    return file;
  }

  public int fileVersion() {
    return fileVersion;
  }

  public int knownVersion() {
    return knownVersion;
  }

  /** The refusal in {@code failure} or its causes, if there is one (it may come wrapped by the agent's start). */
  public static java.util.Optional<OutboxFromNewerVersion> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OutboxFromNewerVersion refusal) {
        return java.util.Optional.of(refusal);
      }
    }
    return java.util.Optional.empty();
  }
}
