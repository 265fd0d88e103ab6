package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.SERVICE_NOT_AVAILABLE;
import static org.netlab.labs.ftp.FtpReply.SERVICE_READY;
import static org.netlab.labs.ftp.FtpReply.SYNTAX_ERROR_IN_ARGUMENTS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import org.netlab.labs.net.LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection: wires up the session's parts, then reads commands and hands each to the
 * {@link CommandTable} until the session ends, and logs one line when it does. Transfers run on a
 * second thread so that ABOR can be read while bytes move; every other command waits for the
 * running transfer to finish, which keeps replies in order.
 */
final class FtpSession {
  private static final Logger log = LoggerFactory.getLogger(FtpServer.class);

  private final FtpServerConfig config;
  private final ControlConnection control;
  private final SessionState state;
  private final DataChannelSetup data;
  private final TransferRunner transfers;
  private final CommandTable commands;
  private final long startNanos = System.nanoTime();

  FtpSession(FtpServerConfig config, VirtualFileSystem files, DiskSync sync, Socket socket)
      throws IOException {
    this.config = config;
    InetAddress clientAddress = socket.getInetAddress();
    InetAddress localAddress = socket.getLocalAddress();
    this.control = new ControlConnection(socket, config.lineTimeout());
    this.state = new SessionState(clientAddress);
    this.data =
        new DataChannelSetup(
            localAddress, clientAddress, config.passivePorts(), config.dataTimeout(), config.tls());
    ControlReplies replies = control.replies();
    this.transfers = new TransferRunner(config, data, replies, clientAddress);
    SessionContext session = new SessionContext(config, state, replies);
    ServedTree tree = ServedTree.of(files, Clock.systemUTC(), sync);
    this.commands =
        new CommandTable(
            session,
            new CommandHandlers(
                new LoginCommands(session),
                new TlsNegotiation(session, control),
                new StatusCommand(session, tree),
                new TransferParameterCommands(session, data, localAddress),
                new FileSystemCommands(session, tree),
                new TransferCommands(session, tree, data, transfers)));
  }

  /** Serves the connection until QUIT, close, idle timeout or too many failed logins. */
  void serve() throws IOException {
    String end = "closed by client";
    try {
      reply(SERVICE_READY, "netlab FTP server ready");
      while (true) {
        byte[] line;
        try {
          line = control.readLine();
        } catch (LineReader.LineTimeoutException e) {
          reply(
              SERVICE_NOT_AVAILABLE,
              "Command line not complete within "
                  + config.lineTimeout().toSeconds()
                  + " s, closing control connection");
          control.drainBeforeClose();
          end = "line timeout";
          return;
        } catch (SocketTimeoutException e) {
          // A long transfer keeps the control connection quiet; that is not idleness.
          if (transfers.isRunning()) {
            continue;
          }
          reply(
              SERVICE_NOT_AVAILABLE,
              "Idle for " + config.idleTimeout().toSeconds() + " s, closing control connection");
          end = "idle timeout";
          return;
        } catch (LineReader.LineTooLongException e) {
          reply(
              SERVICE_NOT_AVAILABLE,
              "Command line longer than " + ControlConnection.MAX_LINE_BYTES + " bytes, closing");
          end = "line too long";
          return;
        }
        if (line == null) {
          return;
        }
        CommandRequest request;
        try {
          request = CommandRequest.parse(line);
        } catch (CharacterCodingException e) {
          reply(SYNTAX_ERROR_IN_ARGUMENTS, "Command is not valid UTF-8");
          continue;
        }
        if (!request.verb().equals("ABOR")) {
          transfers.await();
        }
        commands.execute(request);
        if (state.endReason() != null) {
          end = state.endReason();
          return;
        }
      }
    } finally {
      transfers.abort();
      data.close();
      log.info(
          "session client={} user={} transfers={} duration={}ms end=\"{}\"",
          state.clientAddress().getHostAddress(),
          state.user() == null ? "-" : state.user(),
          transfers.count(),
          (System.nanoTime() - startNanos) / 1_000_000,
          end);
    }
  }

  private void reply(int code, String text) throws IOException {
    control.replies().send(code, text);
  }
}
