package fr.navette.hub.store;

/** The store failed (disk, lock, engine): the caller keeps its input and tries again later. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
