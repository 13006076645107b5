package fr.navette.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every vector of ../shared/vectors/iso28560.json, read from that folder. */
class SharedVectorsTest {

  static List<JsonNode> vectors() throws Exception {
    String dir = System.getProperty("navette.shared.dir");
    assertThat(dir).as("system property navette.shared.dir (set by the parent pom)").isNotNull();
    Path file = Path.of(dir, "vectors", "iso28560.json");
    List<JsonNode> out = new ArrayList<>();
    new ObjectMapper().readTree(Files.readString(file)).forEach(out::add);
    return out;
  }

  @Test
  void theVectorsFileIsThere() throws Exception {
    assertThat(vectors().size()).as("number of shared vectors").isGreaterThanOrEqualTo(15);
  }

  @TestFactory
  Stream<DynamicTest> everyVector() throws Exception {
    return vectors().stream().map(v -> dynamicTest(v.get("id").asText(), () -> check(v)));
  }

  /** The layout facts match the vectors' {@code decoded} objects, key for key. */
  @TestFactory
  Stream<DynamicTest> detailsMatchDecoded() throws Exception {
    ObjectMapper json = new ObjectMapper();
    return vectors().stream()
        .filter(v -> v.get("expect") != null && !v.get("expect").isNull() && !v.get("expect").has("error"))
        .map(
            v ->
                dynamicTest(
                    v.get("id").asText(),
                    () -> {
                      byte[] bytes = HexFormat.of().parseHex(v.get("hex").asText());
                      TagData d = TagDecoder.decode(bytes);
                      Map<String, Object> all = new java.util.LinkedHashMap<>(TagDetails.of(bytes, d));
                      all.putAll(d.describe());
                      JsonNode got = json.valueToTree(all);
                      v.get("decoded")
                          .fields()
                          .forEachRemaining(
                              e -> {
                                if (d.format() == TagFormat.BLANK && !e.getKey().equals("length_bytes")) {
                                  return; // a blank tag has no fields to speak of
                                }
                                assertThat(got.get(e.getKey())).as("%s: %s", v.get("id").asText(), e.getKey()).isEqualTo(e.getValue());
                              });
                    }));
  }

  private static void check(JsonNode v) throws Exception {
    String id = v.get("id").asText();
    byte[] bytes = HexFormat.of().parseHex(v.get("hex").asText());
    JsonNode expect = v.get("expect");
    if (id.contains("-isil-")) {
      assertThat(IsilCompaction.decode(bytes)).isEqualTo(v.get("decoded").get("isil").asText());
      assertThat(IsilCompaction.encode(v.get("decoded").get("isil").asText())).isEqualTo(bytes);
      return;
    }
    if (id.contains("-compaction-")) {
      Compaction c =
          switch (id.substring(id.lastIndexOf('-') + 1)) {
            case "5bit" -> Compaction.FIVE_BIT;
            case "6bit" -> Compaction.SIX_BIT;
            case "7bit" -> Compaction.SEVEN_BIT;
            case "numeric" -> Compaction.NUMERIC;
            case "integer" -> Compaction.INTEGER;
            case "octet" -> Compaction.OCTET;
            case "utf8" -> Compaction.UTF8;
            default -> throw new AssertionError("no compaction named in " + id);
          };
      String text = v.get("decoded").get("text").asText();
      assertThat(c.decode(bytes)).isEqualTo(text);
      assertThat(c.encode(text)).isEqualTo(bytes);
      return;
    }
    assertThat(expect).as("whole-tag vector %s has an expect", id).isNotNull();
    if (expect.has("error")) {
      assertThatThrownBy(() -> TagDecoder.decode(bytes)).isInstanceOf(TagDataException.class).hasMessageMatching(".+");
      return;
    }
    Map<String, Object> got = TagDecoder.decode(bytes).describe();
    expect.fields()
        .forEachRemaining(
            e -> {
              JsonNode want = e.getValue();
              Object have = got.get(e.getKey());
              assertThat(have).as("%s: %s", id, e.getKey()).isNotNull();
              if (want.isNumber()) {
                assertThat(have).as("%s: %s", id, e.getKey()).isEqualTo(want.asInt());
              } else {
                assertThat(have).as("%s: %s", id, e.getKey()).isEqualTo(want.asText());
              }
            });
  }
}
