package fr.navette.hub.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A minimal SMTP client (RFC 5321) for alert mail through the local relay: one message per connection, plain
 * text, UTF-8. A mail library would be a heavy dependency for this one small job.
 */
final class SmtpSender {
  private final AlertChannels.Smtp settings;

  SmtpSender(AlertChannels.Smtp settings) {
    this.settings = settings;
  }

  void send(String subject, String body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), 10_000);
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      expect(in, 220);
      command(out, in, "HELO navette-hub", 250);
      command(out, in, "MAIL FROM:<" + settings.from() + ">", 250);
      for (String to : settings.to()) {
        command(out, in, "RCPT TO:<" + to + ">", 250);
      }
      command(out, in, "DATA", 354);
      StringBuilder message = new StringBuilder()
          .append("From: ").append(settings.from()).append("\r\n")
          .append("To: ").append(String.join(", ", settings.to())).append("\r\n")
          .append("Subject: =?UTF-8?B?")
          .append(java.util.Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)))
          .append("?=\r\n")
          .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n")
          .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
      for (String line : body.split("\r?\n", -1)) {
        message.append(line.startsWith(".") ? "." + line : line).append("\r\n"); // dot-stuffing
      }
      out.write(message.toString().getBytes(StandardCharsets.UTF_8));
      command(out, in, ".", 250);
      command(out, in, "QUIT", 221);
    }
  }

  private static void command(OutputStream out, BufferedReader in, String line, int expected) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    expect(in, expected);
  }

  private static void expect(BufferedReader in, int expected) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("SMTP server closed the connection, expected " + expected);
      }
    } while (line.length() > 3 && line.charAt(3) == '-'); // multi-line reply
    if (!line.startsWith(String.valueOf(expected))) {
      throw new IOException("SMTP server answered '" + line + "', expected " + expected);
    }
  }
}
