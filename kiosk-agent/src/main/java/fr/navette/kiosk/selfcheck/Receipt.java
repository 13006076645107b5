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
 * date; for a view-only session (a patron barred from borrowing), the account instead: loans with due dates and
 * overdue marks, holds ready and where, the amount due. The same lines go on the screen and on the thermal
 * printer. No PIN, no full card number, no patron name.
 */
public record Receipt(String branch, String deviceId, LocalDateTime issuedAt, String maskedCard, List<Line> lines,
                      Optional<Account> account) {
  public Receipt {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(maskedCard, "maskedCard");
    lines = List.copyOf(lines);
    Objects.requireNonNull(account, "account");
  }

  /** A receipt of what this session lent and renewed. */
  public Receipt(String branch, String deviceId, LocalDateTime issuedAt, String maskedCard, List<Line> lines) {
    this(branch, deviceId, issuedAt, maskedCard, lines, Optional.empty());
  }

  /** One document: {@code renewed} tells a renewal from a new loan. */
  public record Line(String itemId, Optional<String> title, Optional<LocalDate> dueDate, boolean renewed) {}

  /** One printed row of the account part; {@code heading} rows are printed bold. */
  public record Row(String text, boolean heading) {}

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
    if (account.isPresent()) {
      accountRows().forEach(r -> out.add(r.text()));
    } else {
      out.add("");
      out.add(lines.size() + " document(s)");
    }
    out.add("Merci ! / Thank you!");
    return out;
  }

  /** The account part (empty without an account): loans, holds ready, amount due, each list under its heading. */
  public List<Row> accountRows() {
    List<Row> out = new ArrayList<>();
    if (account.isEmpty()) {
      return out;
    }
    Account a = account.get();
    out.add(new Row("Mes prêts / My loans (" + a.loans().size() + ")", true));
    if (a.loans().isEmpty()) {
      out.add(new Row("  Aucun prêt en cours. / No current loans.", false));
    }
    for (Account.LoanLine loan : a.loans()) {
      out.add(new Row(loan.title().orElse(loan.itemId()), false));
      out.add(new Row("  " + loan.itemId(), false));
      out.add(new Row("  À rendre le / Due " + loan.dueDate().map(DAY::format).orElse("?"), false));
      if (loan.overdue()) { // a line of its own: beside the date it passes 48 columns (80 mm paper)
        out.add(new Row("  EN RETARD / OVERDUE", true));
      }
    }
    out.add(new Row("", false));
    out.add(new Row("Réservations à retirer / Holds ready (" + a.holdsReady().size() + ")", true));
    if (a.holdsReady().isEmpty()) {
      out.add(new Row("  Aucune. / None.", false));
    }
    for (Account.HoldLine hold : a.holdsReady()) {
      out.add(new Row(hold.title().orElse(hold.itemId()), false));
      out.add(new Row("  " + hold.itemId() + hold.pickupBranch().map(b -> "  à retirer à / collect at " + b).orElse(""),
          false));
    }
    out.add(new Row("", false));
    out.add(new Row(a.feesDue().map(f -> "Montant dû / Amount due " + f + " €")
        .orElse("Aucun montant dû / Nothing due"), true));
    out.add(new Row("", false));
    return out;
  }
}
