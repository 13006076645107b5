package fr.navette.reader.serial;

/** Where frames start and end in a byte stream, and whether their checksum holds. */
public interface FrameCodec {

  /** The outcome of looking at the bytes at the head of a buffer. */
  sealed interface Scan {}

  /** Not enough bytes yet to tell. */
  record NeedMore() implements Scan {}

  /** A complete frame of {@code length} bytes with a good checksum. */
  record Frame(int length) implements Scan {}

  /** These {@code skip} bytes are not (the start of) a good frame: drop them. */
  record Garbage(int skip) implements Scan {}

  Scan scan(byte[] buf, int from, int to);
}
