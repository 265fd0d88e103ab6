package org.netlab.labs.vault.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The raw 32-byte encoding against RFC 7748 §6.1, and the refusal of a low-order point. */
class X25519Test {
  private static final HexFormat HEX = HexFormat.of();

  private static PrivateKey privateKey(String hex) throws Exception {
    return KeyFactory.getInstance("X25519")
        .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, HEX.parseHex(hex)));
  }

  @Test
  void rfc7748DiffieHellmanVector() throws Exception {
    PrivateKey alice =
        privateKey("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    PrivateKey bob = privateKey("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePublic =
        HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    byte[] bobPublic =
        HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    byte[] shared =
        HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    assertArrayEquals(alicePublic, X25519.publicOf(alice));
    assertArrayEquals(bobPublic, X25519.publicOf(bob));
    assertArrayEquals(shared, X25519.agree(alice, bobPublic));
    assertArrayEquals(shared, X25519.agree(bob, alicePublic));
    assertArrayEquals(alicePublic, X25519.encode(X25519.decode(alicePublic)));
  }

  @Test
  void generatedKeysEncodeToWhatTheirPrivateKeyComputes() {
    for (int i = 0; i < 20; i++) {
      var pair = X25519.generate();
      assertArrayEquals(X25519.publicOf(pair.getPrivate()), X25519.encode(pair.getPublic()));
    }
  }

  @Test
  void aLowOrderPeerKeyIsRefused() {
    // u = 0 and u = 1 are of low order: every private key gives the all-zero secret.
    var self = X25519.generate().getPrivate();
    assertThrows(InvalidKeyException.class, () -> X25519.agree(self, new byte[32]));
    byte[] one = new byte[32];
    one[0] = 1;
    assertThrows(InvalidKeyException.class, () -> X25519.agree(self, one));
  }
}
