package fr.navette.sip2.codec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variable fields of SIP2 2.00 and the 3M extensions real servers send (CR…DA), with the
 * readable name tools print (e.g. {@code CT} → {@code destinationLocation}) and how secret
 * each one is. Unknown tags are legal on the wire: they are kept, sent back, and logged plainly.
 */
public enum FieldTag {
  PATRON_IDENTIFIER("AA", "patronIdentifier", Sensitivity.PERSONAL),
  ITEM_IDENTIFIER("AB", "itemIdentifier"),
  TERMINAL_PASSWORD("AC", "terminalPassword", Sensitivity.SECRET),
  PATRON_PASSWORD("AD", "patronPassword", Sensitivity.SECRET),
  PERSONAL_NAME("AE", "personalName", Sensitivity.PERSONAL),
  SCREEN_MESSAGE("AF", "screenMessage"),
  PRINT_LINE("AG", "printLine"),
  DUE_DATE("AH", "dueDate"),
  TITLE_IDENTIFIER("AJ", "titleIdentifier"),
  BLOCKED_CARD_MESSAGE("AL", "blockedCardMessage"),
  LIBRARY_NAME("AM", "libraryName"),
  TERMINAL_LOCATION("AN", "terminalLocation"),
  INSTITUTION_ID("AO", "institutionId"),
  CURRENT_LOCATION("AP", "currentLocation"),
  PERMANENT_LOCATION("AQ", "permanentLocation"),
  HOLD_ITEMS("AS", "holdItems"),
  OVERDUE_ITEMS("AT", "overdueItems"),
  CHARGED_ITEMS("AU", "chargedItems"),
  FINE_ITEMS("AV", "fineItems"),
  HOME_ADDRESS("BD", "homeAddress", Sensitivity.PERSONAL),
  EMAIL_ADDRESS("BE", "emailAddress", Sensitivity.PERSONAL),
  HOME_PHONE_NUMBER("BF", "homePhoneNumber", Sensitivity.PERSONAL),
  OWNER("BG", "owner"),
  CURRENCY_TYPE("BH", "currencyType"),
  CANCEL("BI", "cancel"),
  TRANSACTION_ID("BK", "transactionId"),
  VALID_PATRON("BL", "validPatron"),
  RENEWED_ITEMS("BM", "renewedItems"),
  UNRENEWED_ITEMS("BN", "unrenewedItems"),
  FEE_ACKNOWLEDGED("BO", "feeAcknowledged"),
  START_ITEM("BP", "startItem"),
  END_ITEM("BQ", "endItem"),
  QUEUE_POSITION("BR", "queuePosition"),
  PICKUP_LOCATION("BS", "pickupLocation"),
  FEE_TYPE("BT", "feeType"),
  RECALL_ITEMS("BU", "recallItems"),
  FEE_AMOUNT("BV", "feeAmount"),
  EXPIRATION_DATE("BW", "expirationDate"),
  SUPPORTED_MESSAGES("BX", "supportedMessages"),
  HOLD_TYPE("BY", "holdType"),
  HOLD_ITEMS_LIMIT("BZ", "holdItemsLimit"),
  OVERDUE_ITEMS_LIMIT("CA", "overdueItemsLimit"),
  CHARGED_ITEMS_LIMIT("CB", "chargedItemsLimit"),
  FEE_LIMIT("CC", "feeLimit"),
  UNAVAILABLE_HOLD_ITEMS("CD", "unavailableHoldItems"),
  HOLD_QUEUE_LENGTH("CF", "holdQueueLength"),
  FEE_IDENTIFIER("CG", "feeIdentifier"),
  ITEM_PROPERTIES("CH", "itemProperties"),
  SECURITY_INHIBIT("CI", "securityInhibit"),
  RECALL_DATE("CJ", "recallDate"),
  MEDIA_TYPE("CK", "mediaType"),
  SORT_BIN("CL", "sortBin"),
  HOLD_PICKUP_DATE("CM", "holdPickupDate"),
  LOGIN_USER_ID("CN", "loginUserId"),
  LOGIN_PASSWORD("CO", "loginPassword", Sensitivity.SECRET),
  LOCATION_CODE("CP", "locationCode"),
  VALID_PATRON_PASSWORD("CQ", "validPatronPassword"),
  COLLECTION_CODE("CR", "collectionCode"),
  CALL_NUMBER("CS", "callNumber"),
  DESTINATION_LOCATION("CT", "destinationLocation"),
  ALERT_TYPE("CV", "alertType"),
  HOLD_PATRON_ID("CY", "holdPatronId", Sensitivity.PERSONAL),
  HOLD_PATRON_NAME("DA", "holdPatronName", Sensitivity.PERSONAL);

  private static final Map<String, FieldTag> BY_TAG = new HashMap<>();
  /** Known tags by their two characters (A–Z then A–Z or 0–9), so that parsing shares their strings. */
  private static final FieldTag[] KNOWN_BY_CHARS = new FieldTag[26 * 36];

  static {
    for (FieldTag t : values()) {
      BY_TAG.put(t.tag, t);
      KNOWN_BY_CHARS[charsIndex(t.tag.charAt(0), t.tag.charAt(1))] = t;
    }
  }

  private static int charsIndex(char a, char b) {
    if (a < 'A' || a > 'Z') {
      return -1;
    }
    if (b >= 'A' && b <= 'Z') {
      return (a - 'A') * 36 + (b - 'A');
    }
    if (b >= '0' && b <= '9') {
      return (a - 'A') * 36 + 26 + (b - '0');
    }
    return -1;
  }

  /** The two characters at {@code at} as a tag: a known tag's own string, else a new one. */
  static String tagAt(String s, int at) {
    int k = charsIndex(s.charAt(at), s.charAt(at + 1));
    FieldTag known = k < 0 ? null : KNOWN_BY_CHARS[k];
    return known != null ? known.tag : s.substring(at, at + 2);
  }

  private final String tag;
  private final String readableName;
  private final Sensitivity sensitivity;

  FieldTag(String tag, String readableName) {
    this(tag, readableName, Sensitivity.PLAIN);
  }

  FieldTag(String tag, String readableName, Sensitivity sensitivity) {
    this.tag = tag;
    this.readableName = readableName;
    this.sensitivity = sensitivity;
  }

  public String tag() {
    return tag;
  }

  /** A camelCase name for tools and JSON, e.g. {@code screenMessage}. */
  public String readableName() {
    return readableName;
  }

  public Sensitivity sensitivity() {
    return sensitivity;
  }

  public static Optional<FieldTag> of(String tag) {
    return Optional.ofNullable(ofOrNull(tag));
  }

  /** As {@link #of(String)}, for loops that read every field of every message. */
  public static FieldTag ofOrNull(String tag) {
    if (tag.length() != 2) {
      return null;
    }
    int k = charsIndex(tag.charAt(0), tag.charAt(1));
    return k < 0 ? null : KNOWN_BY_CHARS[k];
  }

  /** Unknown tags are plain: we cannot know better, and hiding them would hide vendor data. */
  public static Sensitivity sensitivityOf(String tag) {
    FieldTag t = BY_TAG.get(tag);
    return t == null ? Sensitivity.PLAIN : t.sensitivity;
  }
}
