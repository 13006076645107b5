package fr.navette.sim.devices;

import fr.navette.reader.serial.FrameCodec;
import java.util.Optional;

/** A reader's side of one wire protocol: a request frame in, the reply frame out (or none). */
interface Responder {
  FrameCodec codec();

  Optional<byte[]> respond(byte[] request);
}
