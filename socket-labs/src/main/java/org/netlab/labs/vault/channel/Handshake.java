package org.netlab.labs.vault.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.netlab.labs.vault.channel.ChannelBreachException.Breach;
import org.netlab.labs.vault.channel.LabChannelProtocol.SessionKeys;

/**
 * The two hello messages of the lab channel ({@link LabChannelProtocol} has the layout). The client
 * proves nothing; the server proves it holds the private key of the pinned public key, since only
 * then can it compute DH(s, e_c) and so the key that seals its confirmation.
 */
final class Handshake {
  /** The frames of a connection once the handshake is done. */
  record Session(FrameWriter writer, FrameReader reader) {}

  private Handshake() {}

  /**
   * The client's side: sends its hello, checks the server's confirmation.
   *
   * @param serverStatic the pinned public key, 32 raw bytes
   * @throws ChannelBreachException HANDSHAKE_FAILED when the confirmation does not verify or the
   *     server does not answer a whole hello
   */
  static Session initiate(InputStream in, OutputStream out, byte[] serverStatic)
      throws IOException {
    KeyPair ephemeral = X25519.generate();
    byte[] clientEphemeral = X25519.encode(ephemeral.getPublic());
    out.write(LabChannelProtocol.VERSION);
    out.write(clientEphemeral);
    out.flush();

    byte[] hello = in.readNBytes(LabChannelProtocol.SERVER_HELLO_LENGTH);
    if (hello.length < LabChannelProtocol.SERVER_HELLO_LENGTH) {
      throw new ChannelBreachException(
          Breach.HANDSHAKE_FAILED,
          "handshake failed: the server closed the connection after "
              + hello.length
              + " of "
              + LabChannelProtocol.SERVER_HELLO_LENGTH
              + " bytes of its hello (not a lab channel port, or another version)");
    }
    byte[] serverEphemeral = Arrays.copyOfRange(hello, 0, X25519.KEY_LENGTH);
    byte[] confirmation = Arrays.copyOfRange(hello, X25519.KEY_LENGTH, hello.length);
    SessionKeys keys;
    try {
      keys =
          LabChannelProtocol.deriveKeys(
              LabChannelProtocol.transcriptHash(serverStatic, clientEphemeral, serverEphemeral),
              X25519.agree(ephemeral.getPrivate(), serverStatic),
              X25519.agree(ephemeral.getPrivate(), serverEphemeral));
    } catch (InvalidKeyException e) {
      throw new ChannelBreachException(
          Breach.HANDSHAKE_FAILED, "handshake failed: " + e.getMessage(), e);
    }
    try {
      LabChannelProtocol.open(
          keys.serverToClient(),
          LabChannelProtocol.CONFIRMATION_COUNTER,
          keys.transcriptHash(),
          confirmation);
    } catch (AEADBadTagException e) {
      throw new ChannelBreachException(
          Breach.HANDSHAKE_FAILED,
          "handshake failed: the server did not prove it holds the pinned key"
              + " (a wrong key pinned, or someone in the middle)",
          e);
    }
    return new Session(
        new FrameWriter(out, keys.clientToServer(), 0),
        new FrameReader(in, keys.serverToClient(), LabChannelProtocol.CONFIRMATION_COUNTER + 1));
  }

  /**
   * The server's side: reads the client's hello, answers with its ephemeral key and the
   * confirmation.
   *
   * @throws ChannelBreachException HANDSHAKE_FAILED for a hello cut short, another version or a
   *     low-order key
   */
  static Session respond(InputStream in, OutputStream out, LabChannelKey serverKey)
      throws IOException {
    byte[] hello = in.readNBytes(LabChannelProtocol.CLIENT_HELLO_LENGTH);
    if (hello.length < LabChannelProtocol.CLIENT_HELLO_LENGTH) {
      throw new ChannelBreachException(
          Breach.HANDSHAKE_FAILED,
          "handshake failed: the client hello ended after " + hello.length + " bytes");
    }
    if (hello[0] != LabChannelProtocol.VERSION) {
      throw new ChannelBreachException(
          Breach.HANDSHAKE_FAILED,
          "handshake failed: version " + (hello[0] & 0xff) + " is not spoken here");
    }
    byte[] clientEphemeral = Arrays.copyOfRange(hello, 1, hello.length);
    KeyPair ephemeral = X25519.generate();
    byte[] serverEphemeral = X25519.encode(ephemeral.getPublic());
    SessionKeys keys;
    try {
      keys =
          LabChannelProtocol.deriveKeys(
              LabChannelProtocol.transcriptHash(
                  serverKey.publicKey(), clientEphemeral, serverEphemeral),
              X25519.agree(serverKey.privateKey(), clientEphemeral),
              X25519.agree(ephemeral.getPrivate(), clientEphemeral));
    } catch (InvalidKeyException e) {
      throw new ChannelBreachException(
          Breach.HANDSHAKE_FAILED, "handshake failed: " + e.getMessage(), e);
    }
    byte[] confirmation =
        LabChannelProtocol.seal(
            keys.serverToClient(),
            LabChannelProtocol.CONFIRMATION_COUNTER,
            keys.transcriptHash(),
            new byte[0],
            0,
            0);
    out.write(serverEphemeral);
    out.write(confirmation);
    out.flush();
    return new Session(
        new FrameWriter(out, keys.serverToClient(), LabChannelProtocol.CONFIRMATION_COUNTER + 1),
        new FrameReader(in, keys.clientToServer(), 0));
  }
}
