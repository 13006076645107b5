package fr.navette.sip2.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Sip2FormatTest {
  private final Sip2Format format = Sip2Format.defaults();

  private Sip2Message decode(String s) throws Sip2ParseException {
    return format.decode(s.getBytes(US_ASCII)).message();
  }

  @Test
  void variableFieldsKeepTheirOrderRepeatsAndUnknownTags() throws Exception {
    Sip2Message m = decode("101YNY20260115    101500AOBM|ABI1|ZZvendor|AFone|AFtwo|AQBR01|");
    assertThat(m.type()).isEqualTo(MessageType.CHECKIN_RESPONSE);
    assertThat(m.fixed()).containsExactly("1", "Y", "N", "Y", "20260115    101500");
    assertThat(m.fields()).extracting(Field::tag).containsExactly("AO", "AB", "ZZ", "AF", "AF", "AQ");
    assertThat(m.fieldValues("AF")).containsExactly("one", "two");
    assertThat(new String(format.encode(m), US_ASCII))
        .isEqualTo("101YNY20260115    101500AOBM|ABI1|ZZvendor|AFone|AFtwo|AQBR01|\r");
  }

  @Test
  void aLastFieldWithoutItsBarIsKept() throws Exception {
    assertThat(decode("101YNY20260115    101500AOBM|ABI1").field("AB")).hasValue("I1");
  }

  @Test
  void aBarInsideAValueIsEscapedAndReadBack() throws Exception {
    Sip2Message m = Sip2Message.builder(MessageType.LOGIN_RESPONSE).zeroOne(true).field("AF", "a|b").build();
    String wire = new String(format.encode(m), US_ASCII);
    assertThat(wire).isEqualTo("941AFa&#124;b|\r");
    assertThat(decode(wire)).isEqualTo(m);
  }

  @Test
  void anUnescapedBarNotFollowedByATagStaysInTheValue() throws Exception {
    assertThat(decode("941AFRouge | Noir|AGx|").fieldValues("AF")).containsExactly("Rouge | Noir");
  }

  @Test
  void lowerCaseFlagsAreRead() throws Exception {
    assertThat(decode("101yun20260115    101500").fixed("resensitize")).isEqualTo("Y");
  }

  @Test
  void errorsNameTheMessageAndTheField() {
    assertThatThrownBy(() -> decode("101YNX20260115    101500"))
        .isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("10").hasMessageContaining("alert").hasMessageContaining("'X'");
    assertThatThrownBy(() -> decode("101YNY2026"))
        .hasMessageContaining("transactionDate");
    assertThatThrownBy(() -> decode("42abc")).hasMessageContaining("42").hasMessageContaining("unknown");
    assertThatThrownBy(() -> decode("x")).isInstanceOf(Sip2ParseException.class);
    assertThatThrownBy(() -> decode("941A")).isInstanceOf(Sip2ParseException.class)
        .hasMessageContaining("position 3");
  }

  @Test
  void toStringNeverShowsSecretsAndMasksPatrons() {
    Sip2Message m = Sip2Message.builder(MessageType.LOGIN).fixed("0").fixed("0").field("CN", "kiosk")
        .field("CO", "s3cret").field("AA", "2000012345").field("AD", "1234").build();
    assertThat(m.toString()).doesNotContain("s3cret").doesNotContain("1234").doesNotContain("20000123")
        .contains("CNkiosk").contains("AA***45");
  }
}
