package fr.navette.kiosk.selfcheck;

import fr.navette.kiosk.text.KioskTexts;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the patron takes home: where and when, the card (masked), each document lent or renewed with its due
 * date; for a view-only session (a patron barred from borrowing), the account instead: loans with due dates and
 * overdue marks, holds ready and where, the amount due. The same lines go on the screen and on the thermal
 * printer, in the language the patron chose. No PIN, no full card number, no patron name.
 */
public record Receipt(String branch, Optional<String> libraryName, String deviceId, LocalDateTime issuedAt,
                      String maskedCard, List<Line> lines, Optional<Account> account) {
  public Receipt {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(libraryName, "libraryName");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(maskedCard, "maskedCard");
    lines = List.copyOf(lines);
    Objects.requireNonNull(account, "account");
  }

  /** A receipt of what this session lent and renewed. */
  public Receipt(String branch, String deviceId, LocalDateTime issuedAt, String maskedCard, List<Line> lines) {
    this(branch, Optional.empty(), deviceId, issuedAt, maskedCard, lines, Optional.empty());
  }

  /** One document: {@code renewed} tells a renewal from a new loan. */
  public record Line(String itemId, Optional<String> title, Optional<LocalDate> dueDate, boolean renewed) {}

  /** One printed row of the account part; {@code heading} rows are printed bold. */
  public record Row(String text, boolean heading) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  /** The receipt as plain text lines in the patron's language: what the screen shows. */
  public List<String> textLines(Locale language) {
    List<String> out = new ArrayList<>();
    out.add(heading(language));
    out.add(issued());
    out.add(card(language));
    out.add("");
    for (Line line : lines) {
      out.add(line.title().orElse(line.itemId()));
      out.add("  " + item(line, language));
      out.add("  " + due(line.dueDate(), language));
    }
    if (account.isPresent()) {
      accountRows(language).forEach(r -> out.add(r.text()));
    } else {
      out.add("");
      out.add(count(language));
    }
    out.add(thanks(language));
    return out;
  }

  /** The library's name as set ({@code library.name}); "Bibliothèque BR01" until one is. */
  String heading(Locale language) {
    return libraryName.orElseGet(() -> KioskTexts.say(language, "receipt.library", branch));
  }

  String issued() {
    return WHEN.format(issuedAt);
  }

  String card(Locale language) {
    return KioskTexts.say(language, "receipt.card", maskedCard);
  }

  static String item(Line line, Locale language) {
    return line.itemId() + (line.renewed() ? "  " + KioskTexts.say(language, "receipt.renewed") : "");
  }

  static String due(Optional<LocalDate> dueDate, Locale language) {
    return KioskTexts.say(language, "receipt.due", dueDate.map(DAY::format).orElse("?"));
  }

  String count(Locale language) {
    return KioskTexts.say(language, "receipt.documents", String.valueOf(lines.size()));
  }

  static String thanks(Locale language) {
    return KioskTexts.say(language, "receipt.thanks");
  }

  /** The account part (empty without an account): loans, holds ready, amount due, each list under its heading. */
  public List<Row> accountRows(Locale language) {
    List<Row> out = new ArrayList<>();
    if (account.isEmpty()) {
      return out;
    }
    Account a = account.get();
    out.add(new Row(KioskTexts.say(language, "receipt.loans", String.valueOf(a.loans().size())), true));
    if (a.loans().isEmpty()) {
      out.add(new Row("  " + KioskTexts.say(language, "receipt.no-loans"), false));
    }
    for (Account.LoanLine loan : a.loans()) {
      out.add(new Row(loan.title().orElse(loan.itemId()), false));
      out.add(new Row("  " + loan.itemId(), false));
      out.add(new Row("  " + due(loan.dueDate(), language), false));
      if (loan.overdue()) { // a line of its own: beside the date it passes 48 columns (80 mm paper)
        out.add(new Row("  " + KioskTexts.say(language, "receipt.overdue"), true));
      }
    }
    out.add(new Row("", false));
    out.add(new Row(KioskTexts.say(language, "receipt.holds", String.valueOf(a.holdsReady().size())), true));
    if (a.holdsReady().isEmpty()) {
      out.add(new Row("  " + KioskTexts.say(language, "receipt.no-holds"), false));
    }
    for (Account.HoldLine hold : a.holdsReady()) {
      out.add(new Row(hold.title().orElse(hold.itemId()), false));
      out.add(new Row("  " + hold.itemId()
          + hold.pickupBranch().map(b -> "  " + KioskTexts.say(language, "receipt.collect-at", b)).orElse(""), false));
    }
    out.add(new Row("", false));
    out.add(new Row(a.feesDue().map(f -> KioskTexts.say(language, "receipt.fees-due", KioskTexts.amount(language, f)))
        .orElse(KioskTexts.say(language, "receipt.nothing-due")), true));
    out.add(new Row("", false));
    return out;
  }
}
