package fr.navette.tag;

/**
 * ISO 28560-1 type of usage. {@code main} is the class that ISO 28560-3 stores in one nibble
 * (0 acquisition, 1 circulation, 2 not for circulation, 7 discarded, 8 patron card, 9 equipment);
 * ISO 28560-2 adds a {@code sub} class in the low nibble of its byte.
 */
public record TypeOfUsage(int main, int sub) {
  public static final int CIRCULATION = 1;
  public static final int PATRON_CARD = 8;

  public TypeOfUsage {
    if (main < 0 || main > 15 || sub < 0 || sub > 15) {
      throw new IllegalArgumentException("type of usage out of range: main " + main + ", sub " + sub);
    }
  }

  public static TypeOfUsage of(int main) {
    return new TypeOfUsage(main, 0);
  }

  public static TypeOfUsage fromByte(int b) {
    return new TypeOfUsage((b >> 4) & 0x0F, b & 0x0F);
  }

  public int toByte() {
    return main << 4 | sub;
  }
}
