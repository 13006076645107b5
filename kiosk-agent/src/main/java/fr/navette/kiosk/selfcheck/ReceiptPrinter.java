package fr.navette.kiosk.selfcheck;

/** Where a paper receipt goes: the thermal printer, when the kiosk has one. */
@FunctionalInterface
public interface ReceiptPrinter {
  /** @throws Exception when the printer cannot print (out of paper, unplugged): the screen says so */
  void print(Receipt receipt) throws Exception;
}
