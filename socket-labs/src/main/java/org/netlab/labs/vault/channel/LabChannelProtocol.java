package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What both ends of the vault lab channel share, byte by byte (docs/vault-channel.md draws it): the
 * version, the hello sizes, the key schedule, the nonce layout and the frame limits. Modelled on
 * the Noise {@code NK} pattern: the client knows the server's static X25519 key in advance.
 *
 * <pre>
 * client hello  (33 bytes):  VERSION(1) | e_c(32)
 * server hello  (48 bytes):  e_s(32)    | tag(16) = ChaCha20-Poly1305(k_s2c, nonce 0, aad h, "")
 * h     = SHA-256(NAME | VERSION | s_pub | e_c | e_s)
 * prk   = HKDF-Extract(salt h, DH(s, e_c) | DH(e_s, e_c))
 * k_c2s = HKDF-Expand(prk, NAME " client to server", 32)
 * k_s2c = HKDF-Expand(prk, NAME " server to client", 32)
 * frame:  LENGTH(4, big-endian) | ChaCha20-Poly1305(k, nonce n, aad LENGTH, TYPE(1) | BODY)
 * nonce n: 4 zero bytes | n as 8 bytes little-endian (as Noise's ChaChaPoly)
 * </pre>
 */
public final class LabChannelProtocol {
  /** The only version: the client hello's first byte. */
  public static final byte VERSION = 1;

  /** Names the protocol in the transcript hash and in the key labels. */
  public static final String NAME = "netlab vault lab channel v1";

  /** HKDF info of the key for frames from the client. */
  public static final String INFO_CLIENT_TO_SERVER = NAME + " client to server";

  /** HKDF info of the key for frames from the server (and of the confirmation). */
  public static final String INFO_SERVER_TO_CLIENT = NAME + " server to client";

  /** Poly1305's tag. */
  public static final int TAG_LENGTH = 16;

  /** {@code VERSION | e_c}. */
  public static final int CLIENT_HELLO_LENGTH = 1 + X25519.KEY_LENGTH;

  /** {@code e_s | confirmation tag}. */
  public static final int SERVER_HELLO_LENGTH = X25519.KEY_LENGTH + TAG_LENGTH;

  /** The largest plaintext of a frame, its type byte included: 64 KiB. */
  public static final int MAX_PLAINTEXT = 64 * 1024;

  /** The largest value of a length prefix: 64 KiB of plaintext and the tag. */
  public static final int MAX_FRAME_LENGTH = MAX_PLAINTEXT + TAG_LENGTH;

  /** The smallest: a type byte and the tag. */
  public static final int MIN_FRAME_LENGTH = 1 + TAG_LENGTH;

  /** The most file bytes one data frame carries. */
  public static final int MAX_BODY = MAX_PLAINTEXT - 1;

  /** The request's text: {@code GET /path}, the path in UTF-8 as {@link #GET} is followed. */
  public static final String GET = "GET ";

  /** The counter of the server's confirmation; its frames count on from 1. */
  static final long CONFIRMATION_COUNTER = 0;

  private static final String CIPHER = "ChaCha20-Poly1305";

  private LabChannelProtocol() {}

  /** What a frame's first plaintext byte says it is. */
  public enum FrameType {
    /** Client to server, once, first: {@code GET /path} in UTF-8. */
    REQUEST(1),
    /** Server to client, first: the status as 2 bytes big-endian, then a UTF-8 reason. */
    STATUS(2),
    /** Server to client, after status 200: 1 to {@link #MAX_BODY} bytes of the file. */
    DATA(3),
    /** Server to client, last: empty. Without it the answer is truncated. */
    END(4);

    private final byte code;

    FrameType(int code) {
      this.code = (byte) code;
    }

    public byte code() {
      return code;
    }

    /** The type of {@code code}, or null for a byte no type has. */
    static FrameType of(byte code) {
      for (FrameType type : values()) {
        if (type.code == code) {
          return type;
        }
      }
      return null;
    }
  }

  /** The keys of one connection, and the transcript hash the confirmation covers. */
  record SessionKeys(SecretKey clientToServer, SecretKey serverToClient, byte[] transcriptHash) {}

  /** h = SHA-256(NAME | VERSION | s_pub | e_c | e_s). */
  static byte[] transcriptHash(
      byte[] serverStatic, byte[] clientEphemeral, byte[] serverEphemeral) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(NAME.getBytes(US_ASCII));
      sha256.update(VERSION);
      sha256.update(serverStatic);
      sha256.update(clientEphemeral);
      sha256.update(serverEphemeral);
      return sha256.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The two direction keys from the transcript hash and the two X25519 results. */
  static SessionKeys deriveKeys(
      byte[] transcriptHash, byte[] staticShared, byte[] ephemeralShared) {
    byte[] ikm = new byte[staticShared.length + ephemeralShared.length];
    System.arraycopy(staticShared, 0, ikm, 0, staticShared.length);
    System.arraycopy(ephemeralShared, 0, ikm, staticShared.length, ephemeralShared.length);
    byte[] prk = Hkdf.extract(transcriptHash, ikm);
    return new SessionKeys(
        key(Hkdf.expand(prk, INFO_CLIENT_TO_SERVER.getBytes(US_ASCII), 32)),
        key(Hkdf.expand(prk, INFO_SERVER_TO_CLIENT.getBytes(US_ASCII), 32)),
        transcriptHash);
  }

  /** 4 zero bytes, then {@code counter} as 8 bytes little-endian. */
  static byte[] nonce(long counter) {
    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (counter >>> (8 * i));
    }
    return nonce;
  }

  /** ChaCha20-Poly1305 encryption: the ciphertext with its 16-byte tag appended. */
  static byte[] seal(
      SecretKey key, long counter, byte[] aad, byte[] plaintext, int offset, int length) {
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce(counter)));
      cipher.updateAAD(aad);
      return cipher.doFinal(plaintext, offset, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK since 11", e);
    }
  }

  /**
   * ChaCha20-Poly1305 decryption.
   *
   * @throws AEADBadTagException when the tag does not verify for this key, counter and aad
   */
  static byte[] open(SecretKey key, long counter, byte[] aad, byte[] sealed)
      throws AEADBadTagException {
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce(counter)));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK since 11", e);
    }
  }

  private static SecretKey key(byte[] bytes) {
    return new SecretKeySpec(bytes, "ChaCha20");
  }
}
