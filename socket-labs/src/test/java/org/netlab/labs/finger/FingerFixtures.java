package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/** The users file and raw-socket exchanges the finger tests share. */
final class FingerFixtures {
  static final List<String> USERS_LINES =
      List.of(
          "# test users",
          "user alice",
          "name Alice Liddell",
          "home /home/alice",
          "shell /bin/bash",
          "session pts/0 2026-11-21T09:00:00Z 192.0.2.7",
          "plan Down the rabbit hole.",
          "plan Then through the looking glass.",
          "project Wonderland survey",
          "pgpkey -----BEGIN PGP PUBLIC KEY BLOCK-----",
          "",
          "user bob",
          "name Bob Dodgson",
          "home /home/bob",
          "shell /bin/zsh",
          "session tty1 2026-11-21T08:30:00Z",
          "",
          "user carol",
          "name Carol Lewis",
          "home /home/carol",
          "shell /bin/sh",
          "",
          "user dave",
          "name Dave Hidden",
          "session pts/3 2026-11-21T07:00:00Z",
          "nofinger");

  private FingerFixtures() {}

  static UsersFile users() throws IOException {
    return UsersFile.parse("test users", USERS_LINES);
  }

  static FingerServer.Config loopback() {
    return FingerServer.Config.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** Sends the bytes as they are and returns everything the server sends until it closes. */
  static String exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  /** Sends {@code query} plus CRLF. */
  static String query(int port, String query) throws IOException {
    return exchange(port, (query + "\r\n").getBytes(UTF_8));
  }
}
