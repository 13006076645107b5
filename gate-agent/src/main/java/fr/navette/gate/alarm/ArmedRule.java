package fr.navette.gate.alarm;

import fr.navette.reader.EasState;
import fr.navette.tag.SecurityPolicy;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What "armed" means at this gate: the network's {@link SecurityPolicy} and, under AFI security, every AFI value
 * that counts as armed — a network moving from 3M's 0xD7 to ISO's 0x07 has documents of both on its shelves.
 *
 * @param policy the network's policy (its armed AFI is always in {@code armedAfis})
 * @param armedAfis the AFI values that set the gate off under AFI security; ignored under EAS security
 */
public record ArmedRule(SecurityPolicy policy, Set<Integer> armedAfis) {
  public ArmedRule {
    Objects.requireNonNull(policy, "policy");
    TreeSet<Integer> afis = new TreeSet<>(armedAfis);
    afis.add(policy.armedAfi());
    for (int afi : afis) {
      if (afi < 1 || afi > 0xFF) {
        throw new IllegalArgumentException("armed AFI must be 0x01-0xFF (0 means every tag), got " + afi);
      }
      if (policy.mechanism() == SecurityPolicy.Mechanism.AFI && afi == policy.onLoanAfi()) {
        throw new IllegalArgumentException(String.format("AFI 0x%02X cannot be both armed and on loan", afi));
      }
    }
    armedAfis = Set.copyOf(afis);
  }

  public static ArmedRule of(SecurityPolicy policy) {
    return new ArmedRule(policy, Set.of());
  }

  public boolean usesEas() {
    return policy.mechanism() == SecurityPolicy.Mechanism.EAS;
  }

  /**
   * The plain rule: is a tag in this state armed? Under AFI security, an AFI the reader did not report is not
   * armed (the gate only inventories with an armed AFI as filter, so the reader reports it for every armed tag);
   * under EAS security, an EAS state the reader did not report is not armed either (the gate asks for it).
   */
  public boolean isArmed(OptionalInt afi, EasState eas) {
    if (usesEas()) {
      return eas == EasState.SET;
    }
    return afi.isPresent() && armedAfis.contains(afi.getAsInt() & 0xFF);
  }

  /** The AFI filters the gate inventories with: the armed AFIs, or 0 (every tag) under EAS security. */
  public int[] inventoryFilters() {
    return usesEas() ? new int[] {0} : armedAfis.stream().sorted().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    if (usesEas()) {
      return "EAS bit";
    }
    StringBuilder s = new StringBuilder("AFI ");
    armedAfis.stream().sorted().forEach(afi -> s.append(s.length() > 4 ? "," : "").append("0x")
        .append(HexFormat.of().withUpperCase().toHexDigits((byte) afi.intValue())));
    return s.append(String.format(" armed, 0x%02X on loan", policy.onLoanAfi())).toString();
  }
}
