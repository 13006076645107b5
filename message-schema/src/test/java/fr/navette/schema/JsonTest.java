package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Json} reads and writes without an ObjectMapper: the trees and bytes must be the mapper's, to the byte —
 * but for what the mapper lets through and we refuse (a field named twice, see {@code LimitsTest}).
 */
class JsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"a\":\"b\",\"n\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,\"d\":2.5,\"e\":-1e-3}",
      "{\"nested\":{\"list\":[1,\"x\",null,true,false,[],{}],\"empty\":[]},\"nul\":null}",
      "{\"texte\":\"Œuvres complètes — été \\u00e9 \\\"quoted\\\" \\n\",\"emoji\":\"\\ud83d\\udcda\"}",
      "  {\"a\":1}  trailing text is not read"})
  void readsAndWritesTheTreesObjectMapperDoes(String text) throws Exception {
    JsonNode ours = Json.parse(Channel.RETURN, text.getBytes(StandardCharsets.UTF_8));
    JsonNode mappers = MAPPER.readTree(text);

    assertThat(ours).isEqualTo(mappers);
    assertThat(ours.get("n") == null ? null : ours.get("n").numberType())
        .isEqualTo(mappers.get("n") == null ? null : mappers.get("n").numberType());
    // writeValueAsBytes (what Json.bytes replaced), not writeValueAsString: they differ on surrogate pairs
    assertThat(new String(Json.bytes((ObjectNode) ours), StandardCharsets.UTF_8))
        .isEqualTo(new String(MAPPER.writeValueAsBytes(mappers), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "null", "[1,2]", "\"text\"", "42"})
  void aPayloadThatIsNotAnObjectIsRefused(String text) {
    assertThatThrownBy(() -> Json.parse(Channel.RETURN, text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SchemaException.class).hasMessageContaining("expected a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":[1,}"})
  void brokenJsonIsNamedWithTheParsersMessage(String text) {
    String expected;
    try {
      MAPPER.readTree(text);
      throw new AssertionError("ObjectMapper read " + text);
    } catch (JsonProcessingException e) {
      expected = "not JSON: " + e.getOriginalMessage();
    }
    assertThatThrownBy(() -> Json.parse(Channel.RETURN, text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SchemaException.class).hasMessageContaining(expected);
  }
}
