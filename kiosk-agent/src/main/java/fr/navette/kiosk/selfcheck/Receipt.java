package fr.navette.kiosk.selfcheck;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the patron takes home: where and when, the card (masked), each document lent or renewed with its due
 * date. The same lines go on the screen and on the thermal printer. No PIN, no full card number, no patron name.
 */
public record Receipt(String branch, String deviceId, LocalDateTime issuedAt, String maskedCard, List<Line> lines) {
  public Receipt {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(maskedCard, "maskedCard");
    lines = List.copyOf(lines);
  }

  /** One document: {@code renewed} tells a renewal from a new loan. */
  public record Line(String itemId, Optional<String> title, Optional<LocalDate> dueDate, boolean renewed) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  /** The receipt as plain text lines, French first, English beside: what the printer prints. */
  public List<String> textLines() {
    List<String> out = new ArrayList<>();
    out.add("Bibliothèque / Library " + branch);
    out.add(WHEN.format(issuedAt));
    out.add("Carte / Card " + maskedCard);
    out.add("");
    for (Line line : lines) {
      out.add(line.title().orElse(line.itemId()));
      out.add("  " + line.itemId() + (line.renewed() ? "  prolongé / renewed" : ""));
      out.add("  À rendre le / Due " + line.dueDate().map(DAY::format).orElse("?"));
    }
    out.add("");
    out.add(lines.size() + " document(s)");
    out.add("Merci ! / Thank you!");
    return out;
  }
}
