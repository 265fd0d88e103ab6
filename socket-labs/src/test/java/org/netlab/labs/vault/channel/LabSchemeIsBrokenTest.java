package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lab's lesson: an eavesdropper who sees only p, g, A and B of the students' key agreement
 * finds the shared value by trying every exponent (a discrete logarithm by brute force, under 1,000
 * multiplications) and decrypts a captured file with it. Nothing secret is used by the attack.
 */
@Timeout(10)
class LabSchemeIsBrokenTest {
  // The lab's figures: a prime under 1,000 and a generator of its group (7 generates all 996
  // non-zero residues modulo 997).
  private static final ToyDiffieHellman LAB = new ToyDiffieHellman(997, 7);

  /** The eavesdropper's whole attack: the exponent a with g^a = A, then B^a. */
  static OptionalInt recoverShared(ToyDiffieHellman group, int publicA, int publicB) {
    long value = 1;
    for (int a = 0; a < group.p(); a++) {
      if (value == publicA) {
        return OptionalInt.of(group.power(publicB, a));
      }
      value = value * group.g() % group.p();
    }
    return OptionalInt.empty();
  }

  @Test
  void anEavesdropperRecoversTheSharedValueAndDecryptsACapturedFile() {
    SplittableRandom random = new SplittableRandom(20261201);
    // What the two students chose and never sent.
    int secretA = 2 + random.nextInt(997 - 3);
    int secretB = 2 + random.nextInt(997 - 3);
    int publicA = LAB.publicValue(secretA);
    int publicB = LAB.publicValue(secretB);
    int shared = LAB.shared(secretA, publicB);
    assertEquals(shared, LAB.shared(secretB, publicA), "both sides agree");

    byte[] file = new byte[64 * 1024];
    random.nextBytes(file);
    byte[] header = "vault file: grades.csv\n".getBytes(UTF_8);
    System.arraycopy(header, 0, file, 0, header.length);
    byte[] captured = ToyDiffieHellman.xor(shared, file);
    assertFalse(Arrays.equals(file, captured), "the file did travel encrypted");

    // The eavesdropper: only p, g, A, B and the captured bytes.
    long start = System.nanoTime();
    int recovered = recoverShared(LAB, publicA, publicB).orElseThrow();
    byte[] decrypted = ToyDiffieHellman.xor(recovered, captured);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(shared, recovered);
    assertArrayEquals(file, decrypted, "the captured file, decrypted without any secret");
    assertTrue(took.compareTo(Duration.ofMillis(500)) < 0, "took " + took);
    System.out.printf(
        "lab scheme p=%d g=%d A=%d B=%d: shared value %d recovered and 64 KiB decrypted in %.3f"
            + " ms%n",
        LAB.p(), LAB.g(), publicA, publicB, recovered, took.toNanos() / 1e6);
  }

  @Test
  void everyKeyTheLabCanAgreeOnIsFoundByTryingAllOfThem() {
    long start = System.nanoTime();
    int broken = 0;
    for (int secretA = 1; secretA < LAB.p() - 1; secretA += 37) {
      for (int secretB = 1; secretB < LAB.p() - 1; secretB += 41) {
        int publicA = LAB.publicValue(secretA);
        int publicB = LAB.publicValue(secretB);
        assertEquals(
            LAB.shared(secretA, publicB), recoverShared(LAB, publicA, publicB).orElseThrow());
        broken++;
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "lab scheme: %d key agreements broken in %.1f ms%n", broken, took.toNanos() / 1e6);
  }

  @Test
  void theHashedKeyLooksLongButThereAreFewerThanAThousand() {
    // 32 bytes of key from SHA-256, but only as many distinct keys as shared values.
    assertEquals(32, ToyDiffieHellman.xor(1, new byte[32]).length);
    assertNotEquals(
        Arrays.toString(ToyDiffieHellman.xor(1, new byte[32])),
        Arrays.toString(ToyDiffieHellman.xor(2, new byte[32])));
    long distinct =
        IntStream.range(1, LAB.p())
            .mapToObj(v -> Arrays.toString(ToyDiffieHellman.xor(v, new byte[32])))
            .distinct()
            .count();
    assertEquals(LAB.p() - 1, distinct);
  }
}
