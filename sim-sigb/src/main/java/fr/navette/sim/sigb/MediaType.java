package fr.navette.sim.sigb;

/** What an item is, with the SIP2 media type code (CK) a server sends for it. */
public enum MediaType {
  BOOK("001"),
  MAGAZINE("002"),
  AUDIO("004"),
  VIDEO("005"),
  CD("006"),
  BOOK_WITH_CD("009"),
  OTHER("000");

  private final String sip2Code;

  MediaType(String sip2Code) {
    this.sip2Code = sip2Code;
  }

  public String sip2Code() {
    return sip2Code;
  }
}
