package fr.navette.sim.sigb;

/**
 * A document of the catalogue. {@code id} is its barcode, the SIP2 item identifier (AB) and the
 * primary item identifier on its tag. Multi-part sets (a DVD box, a novel in three volumes) are
 * separate items sharing a title with {@code setPart} of {@code setSize}; single items are 1 of 1.
 */
public record Item(String id, String title, String author, String callNumber, String collection,
    MediaType mediaType, String homeBranch, int setPart, int setSize) {

  public boolean isPartOfSet() {
    return setSize > 1;
  }
}
