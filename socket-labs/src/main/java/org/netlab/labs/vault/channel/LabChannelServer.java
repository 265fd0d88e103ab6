package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.util.Objects;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.ftp.StallGuard;
import org.netlab.labs.net.DeadlineInputStream;
import org.netlab.labs.net.TcpServer;
import org.netlab.labs.vault.VaultRoot;
import org.netlab.labs.vault.channel.ChannelBreachException.Breach;
import org.netlab.labs.vault.channel.Handshake.Session;
import org.netlab.labs.vault.channel.LabChannelProtocol.FrameType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the vault over the lab channel: per connection, the handshake, one {@code GET /path}
 * request, a status frame, the file in data frames and the end frame, then close. Files are found
 * through {@link VaultRoot}, like the HTTP server's. Built on {@link TcpServer}: a virtual thread
 * per connection up to a cap, an idle timeout on every read, a deadline for the handshake and
 * request together, and the connection closed when a client stops reading for the idle timeout.
 *
 * <pre>{@code
 * try (LabChannelServer lab = new LabChannelServer(settings, vaultRoot).start()) {
 *   System.out.println("lab channel on port " + lab.port() + ", pin " + lab.publicKey());
 * }
 * }</pre>
 */
public final class LabChannelServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LabChannelServer.class);

  private final LabChannelSettings settings;
  private final VaultRoot vault;
  private TcpServer tcp;
  private LabChannelKey key;

  public LabChannelServer(LabChannelSettings settings, VaultRoot vault) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.vault = Objects.requireNonNull(vault, "vault");
  }

  /**
   * Loads or creates the key file and listens; returns once the port is bound.
   *
   * @throws org.netlab.labs.cli.InvalidFileException when the key file is open to others or not a
   *     key
   * @throws org.netlab.labs.cli.CannotServeException when the port is taken or not allowed
   */
  public synchronized LabChannelServer start() throws IOException {
    if (tcp != null) {
      throw new IllegalStateException("lab channel already started");
    }
    key = LabChannelKey.loadOrCreate(settings.keyFile());
    TcpServer server =
        new TcpServer(
            "vault-lab",
            new TcpServer.Options(
                settings.bind(), settings.maxConnections(), settings.idleTimeout()),
            this::serve);
    server.start();
    tcp = server;
    log.info(
        "vault lab channel on {}, server key to pin: {}",
        SocketAddresses.text(server.address()),
        key.publicKeyBase64());
    return this;
  }

  /** The bound port; after {@link #start()}. */
  public int port() {
    return tcp.port();
  }

  public InetSocketAddress address() {
    return tcp.address();
  }

  /** The server's public key in base64, for clients to pin; after {@link #start()}. */
  public String publicKey() {
    return key.publicKeyBase64();
  }

  /** Stops accepting and closes open connections; safe to call twice. */
  @Override
  public synchronized void close() {
    if (tcp != null) {
      tcp.close();
    }
  }

  private void serve(Socket socket) throws IOException {
    String peer = SocketAddresses.text(socket.getRemoteSocketAddress());
    DeadlineInputStream in = DeadlineInputStream.within(socket, settings.handshakeTimeout());
    BufferedOutputStream out =
        new BufferedOutputStream(socket.getOutputStream(), 4 + LabChannelProtocol.MAX_FRAME_LENGTH);
    try {
      Session session = Handshake.respond(in, out, key);
      Frame request = session.reader().readRequired("the request");
      in.clearDeadline();
      if (request.type() != FrameType.REQUEST) {
        throw new ChannelBreachException(
            Breach.MALFORMED, "a " + request.type() + " frame where the request was due");
      }
      answer(socket, session.writer(), request.body(), peer);
    } catch (ChannelBreachException e) {
      // Nothing more is read or sent: the peer, or something between, is not playing by the rules.
      log.info("vault-lab: {} closed: {}", peer, e.getMessage());
    }
  }

  private void answer(Socket socket, FrameWriter writer, byte[] request, String peer)
      throws IOException {
    String text;
    try {
      text =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(request))
              .toString();
    } catch (CharacterCodingException e) {
      refuse(writer, LabStatus.BAD_REQUEST, "the request is not UTF-8", peer, "?");
      return;
    }
    if (!text.startsWith(LabChannelProtocol.GET)) {
      refuse(writer, LabStatus.BAD_REQUEST, "the request is GET /path", peer, text);
      return;
    }
    String path = text.substring(LabChannelProtocol.GET.length());
    VaultRoot.Found found;
    try {
      found = vault.resolve(path);
    } catch (VaultRoot.Refusal e) {
      refuse(writer, LabStatus.of(e.kind()), e.getMessage(), peer, path);
      return;
    }
    switch (found) {
      case VaultRoot.Found.Directory d ->
          refuse(writer, LabStatus.NOT_ALLOWED, "directories are not listed here", peer, path);
      case VaultRoot.Found.File f -> send(socket, writer, f, peer, path);
    }
  }

  private void send(
      Socket socket, FrameWriter writer, VaultRoot.Found.File file, String peer, String path)
      throws IOException {
    // Socket writes have no timeout: a client that stops reading would hold its slot forever.
    try (InputStream content = Files.newInputStream(file.path());
        StallGuard guard = StallGuard.watch(settings.idleTimeout(), () -> closeQuietly(socket))) {
      writer.write(FrameType.STATUS, statusBody(LabStatus.OK, "OK"));
      byte[] chunk = new byte[LabChannelProtocol.MAX_BODY];
      long sent = 0;
      int n;
      while ((n = content.readNBytes(chunk, 0, chunk.length)) > 0) {
        writer.write(FrameType.DATA, chunk, 0, n);
        guard.progress(n);
        sent += n;
      }
      writer.write(FrameType.END, new byte[0]);
      writer.flush();
      log.info("vault-lab: {} GET {} 200 {} bytes", peer, printable(path), sent);
    }
  }

  private static void refuse(
      FrameWriter writer, LabStatus status, String reason, String peer, String what)
      throws IOException {
    writer.write(FrameType.STATUS, statusBody(status, reason));
    writer.write(FrameType.END, new byte[0]);
    writer.flush();
    log.info("vault-lab: {} GET {} {} {}", peer, printable(what), status.code(), reason);
  }

  /** A client's text for the log: control characters shown as '?', so it stays one line. */
  private static String printable(String text) {
    String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return shown
        .codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("vault-lab: closing a stalled connection: {}", e.toString());
    }
  }

  static byte[] statusBody(LabStatus status, String reason) {
    byte[] text = reason.getBytes(UTF_8);
    byte[] body = new byte[2 + text.length];
    body[0] = (byte) (status.code() >>> 8);
    body[1] = (byte) status.code();
    System.arraycopy(text, 0, body, 2, text.length);
    return body;
  }
}
