package fr.navette.hub.store;

/**
 * The store's schema was migrated by a newer Navette (the hub was downgraded): this hub does not know its newest
 * migrations and would write rows they do not expect. Nothing was written. Restarting cannot help, so the hub's
 * process exits with {@link #EXIT_CODE}, which its systemd unit does not restart on ({@code RestartPreventExitStatus=}).
 */
public final class StoreFromNewerVersion extends StoreException {
  /** The process's exit status for this refusal: neither 1 (a failure worth a restart) nor 2 (bad settings). */
  public static final int EXIT_CODE = 3;

  StoreFromNewerVersion(String store, String storeVersion, String knownVersion) {
    super("the hub's store " + store + " has schema version " + storeVersion + ", migrated by a newer Navette; this"
        + " hub knows versions up to " + knownVersion + ". It was left untouched: install the newer version again,"
        + " or restore a backup made before the upgrade", null);
  }

  /** The refusal in {@code failure} or its causes, if there is one. */
  public static java.util.Optional<StoreFromNewerVersion> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreFromNewerVersion refusal) {
        return java.util.Optional.of(refusal);
      }
    }
    return java.util.Optional.empty();
  }
}
