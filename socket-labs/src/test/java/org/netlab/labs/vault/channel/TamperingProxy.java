package org.netlab.labs.vault.channel;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Someone in the middle of the lab channel, on 127.0.0.1: passes both hellos as they are, then
 * hands each client frame (length prefix included) to {@code fromClient} before forwarding it, and
 * collects every server frame until the server closes, hands the list to {@code fromServer}, and
 * forwards what it returns. It records what the client sent, for replaying a whole session. One
 * connection at a time.
 */
final class TamperingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final UnaryOperator<byte[]> fromClient;
  private final UnaryOperator<List<byte[]>> fromServer;
  private final Thread thread;
  private final ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();

  TamperingProxy(
      int target, UnaryOperator<byte[]> fromClient, UnaryOperator<List<byte[]>> fromServer)
      throws IOException {
    this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.target = target;
    this.fromClient = fromClient;
    this.fromServer = fromServer;
    this.thread = Thread.ofVirtual().start(this::run);
  }

  /** A proxy that changes only what the server sends. */
  static TamperingProxy onServerFrames(int target, UnaryOperator<List<byte[]>> fromServer)
      throws IOException {
    return new TamperingProxy(target, UnaryOperator.identity(), fromServer);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Everything the last client sent, as it sent it. */
  synchronized byte[] recordedClientBytes() {
    return clientBytes.toByteArray();
  }

  private void run() {
    while (!listener.isClosed()) {
      try (Socket client = listener.accept();
          Socket server = new Socket(InetAddress.getLoopbackAddress(), target)) {
        client.setSoTimeout(10_000);
        server.setSoTimeout(10_000);
        relay(client, server);
      } catch (IOException e) {
        // The client or server closed on us: the next connection, if any.
      }
    }
  }

  private void relay(Socket client, Socket server) throws IOException {
    DataInputStream fromC = new DataInputStream(client.getInputStream());
    DataInputStream fromS = new DataInputStream(server.getInputStream());
    OutputStream toS = server.getOutputStream();
    OutputStream toC = client.getOutputStream();
    synchronized (this) {
      clientBytes.reset();
    }
    byte[] hello = fromC.readNBytes(LabChannelProtocol.CLIENT_HELLO_LENGTH);
    record(hello);
    toS.write(hello);
    toC.write(fromS.readNBytes(LabChannelProtocol.SERVER_HELLO_LENGTH));
    byte[] request = readFrame(fromC);
    record(request);
    toS.write(fromClient.apply(request));
    toS.flush();
    List<byte[]> frames = new ArrayList<>();
    try {
      while (true) {
        frames.add(readFrame(fromS));
      }
    } catch (EOFException | java.net.SocketException end) {
      // The server closed after its end frame, or on detecting our change.
    }
    for (byte[] frame : fromServer.apply(frames)) {
      toC.write(frame);
    }
    toC.flush();
    client.shutdownOutput();
    // Wait for the client to close, so it reads everything before the socket goes.
    fromC.readAllBytes();
  }

  private synchronized void record(byte[] bytes) {
    clientBytes.writeBytes(bytes);
  }

  /** One frame with its length prefix. */
  static byte[] readFrame(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length = data.readInt();
    byte[] frame = new byte[4 + length];
    frame[0] = (byte) (length >>> 24);
    frame[1] = (byte) (length >>> 16);
    frame[2] = (byte) (length >>> 8);
    frame[3] = (byte) length;
    data.readFully(frame, 4, length);
    return frame;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
