package fr.navette.kiosk.selfcheck;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A patron's account as the kiosk shows it: loans with due dates, holds ready and where, fees, blocks. */
public record Account(List<LoanLine> loans, List<HoldLine> holdsReady, Optional<String> feesDue, List<Text> blocks) {
  public Account {
    loans = List.copyOf(loans);
    holdsReady = List.copyOf(holdsReady);
    Objects.requireNonNull(feesDue, "feesDue");
    blocks = List.copyOf(blocks);
  }

  public record LoanLine(String itemId, Optional<String> title, Optional<LocalDate> dueDate, boolean overdue) {}

  /** @param pickupBranch the branch code where it waits, when the SIGB says */
  public record HoldLine(String itemId, Optional<String> title, Optional<String> pickupBranch) {}
}
