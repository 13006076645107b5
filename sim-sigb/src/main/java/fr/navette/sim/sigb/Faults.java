package fr.navette.sim.sigb;

import fr.navette.sip2.codec.Sip2Format;

/** Damages a reply on its way out, as a noisy line or a buggy server would. */
final class Faults {
  private Faults() {}

  /** The bytes to send for the count-th reply; the original is kept for a 97 resend. */
  static byte[] apply(byte[] frame, SigbSimulatorConfig.Faults faults, long count, Sip2Format format) {
    int body = frame.length - format.terminator().bytes().length;
    if (SimSession.every(faults.garbleEvery(), count) && body > 2) {
      byte[] out = frame.clone();
      int at = 2 + (int) (count % (body - 2));
      out[at] = (byte) (out[at] == '#' ? '%' : '#');
      return out;
    }
    if (SimSession.every(faults.badChecksumEvery(), count) && format.errorDetection() && body >= 4) {
      byte[] out = frame.clone();
      out[body - 1] = (byte) (out[body - 1] == '0' ? '1' : '0');
      return out;
    }
    return frame;
  }
}
