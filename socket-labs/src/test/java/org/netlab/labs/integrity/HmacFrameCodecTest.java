package org.netlab.labs.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;

class HmacFrameCodecTest {
  static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final IntegrityKey KEY = IntegrityKey.fromHex(KEY_HEX);
  static final IntegrityKey OTHER_KEY = IntegrityKey.fromHex("ff" + KEY_HEX.substring(2));

  private final MessageCodec client = MessageCodec.hmac(KEY, Role.CLIENT);
  private final MessageCodec server = MessageCodec.hmac(KEY, Role.SERVER);

  @Test
  void sealedTextOpensOnTheOtherSide() throws IntegrityException {
    assertEquals("hello", server.open(client.seal("hello")));
    assertEquals("again", server.open(client.seal("again")));
    assertEquals("back", client.open(server.seal("back")));
  }

  @Test
  void framesAreOneAsciiLineWhateverTheText() throws IntegrityException {
    String text = "line one\r\nline two, été, 漢字, \u0000";
    String frame = client.seal(text);
    assertTrue(frame.matches("1 [A-Za-z0-9+/=]+ [0-9a-f]{64}"), frame);
    assertEquals(text, server.open(frame));
  }

  @Test
  void firstFrameIsTheOneDocumentedInTheReadme() {
    assertEquals(
        "1 aGVsbG8= 043c581ec2ae853359e4affcb8f0725f7d924f12c68a764fe9e6a75241dbc20d",
        client.seal("hello"));
  }

  @Test
  void emptyTextIsAFrameToo() throws IntegrityException {
    assertEquals("", server.open(client.seal("")));
  }

  @Test
  void frameUnderAnotherKeyLosesIntegrity() {
    String frame = MessageCodec.hmac(OTHER_KEY, Role.CLIENT).seal("hello");
    assertRejected(frame, "tag does not verify");
  }

  @Test
  void flippedBitInTheTextLosesIntegrity() {
    String frame = client.seal("pay 10 euros");
    int at = frame.indexOf(' ') + 3;
    assertRejected(flipLowBit(frame, at), "tag does not verify");
  }

  @Test
  void flippedBitInTheSequenceOrTagLosesIntegrity() {
    client.seal("lost");
    String frame = client.seal("hello");
    assertEquals('2', frame.charAt(0));
    assertRejected(flipLowBit(frame, 0), "tag does not verify");
    // '0' flipped is '1': still hex, so the tag itself is what fails.
    String tagFlipped = frame.substring(0, frame.length() - 1) + (frame.endsWith("0") ? "1" : "0");
    assertRejected(tagFlipped, "tag does not verify");
  }

  @Test
  void truncatedFrameLosesIntegrity() {
    String frame = client.seal("hello");
    assertRejected(frame.substring(0, frame.length() - 2), "tag is not 64 hex digits");
    assertRejected(
        frame.substring(0, frame.lastIndexOf(' ')),
        "not a frame: three fields separated by spaces expected");
    assertRejected(frame.substring(0, 1), "not a frame: three fields separated by spaces expected");
  }

  @Test
  void replayedFrameLosesIntegrityAndTheNextFrameStillOpens() throws IntegrityException {
    String first = client.seal("first");
    assertEquals("first", server.open(first));
    assertRejected(first, "sequence 1 not above the last accepted 1: replayed or reordered");
    assertEquals("second", server.open(client.seal("second")));
  }

  @Test
  void reorderedFramesLoseIntegrity() throws IntegrityException {
    String first = client.seal("first");
    String second = client.seal("second");
    assertEquals("second", server.open(second));
    assertRejected(first, "sequence 1 not above the last accepted 2: replayed or reordered");
  }

  @Test
  void lostFramesLeaveAGapThatIsAccepted() throws IntegrityException {
    client.seal("lost on the way");
    assertEquals("arrives", server.open(client.seal("arrives")));
  }

  @Test
  void frameReflectedToItsSenderLosesIntegrity() {
    String frame = client.seal("hello");
    IntegrityException error = assertThrows(IntegrityException.class, () -> client.open(frame));
    assertEquals("tag does not verify", error.reason());
  }

  @Test
  void malformedFramesLoseIntegrity() {
    String tag = "0".repeat(64);
    assertRejected("01 aGk= " + tag, "sequence number is not a positive decimal");
    assertRejected("0 aGk= " + tag, "sequence number is not a positive decimal");
    assertRejected("-1 aGk= " + tag, "sequence number is not a positive decimal");
    assertRejected("99999999999999999999 aGk= " + tag, "sequence number is not a positive decimal");
    assertRejected("1 aGk= " + "z".repeat(64), "tag is not hex");
    assertRejected("1 aGk=\u00e9 " + tag, "not a frame: characters outside printable ASCII");
    assertRejected("hello", "not a frame: three fields separated by spaces expected");
  }

  @Test
  void validTagOverBadBase64IsStillRejected() throws IntegrityException {
    MessageCodec sender = MessageCodec.hmac(KEY, Role.CLIENT);
    String frame = sender.seal("x");
    String signed = "1 !!!!";
    String forged = signed + " " + tagOf("C " + signed);
    assertRejected(forged, "text is not base64");
    assertEquals("x", server.open(frame));
  }

  @Test
  void signedTextThatIsNotUtf8IsRejectedNotReplaced() throws IntegrityException {
    // Each byte would become U+FFFD, three bytes for one: an answer could outgrow its request.
    String signed =
        "1 " + java.util.Base64.getEncoder().encodeToString(new byte[] {'a', (byte) 0xff});
    assertRejected(signed + " " + tagOf("C " + signed), "text is not UTF-8");
    assertEquals("still open", server.open(client.seal("still open")));
  }

  @Test
  @Timeout(20)
  void tagMatchesOpensslOverTheDocumentedString() throws Exception {
    Path program = PeerProgram.OPENSSL.assumeInstalled();
    String frame = client.seal("hello");
    String signed = frame.substring(0, frame.lastIndexOf(' '));
    Process openssl =
        new ProcessBuilder(
                program.toString(),
                "dgst",
                "-sha256",
                "-mac",
                "HMAC",
                "-macopt",
                "hexkey:" + KEY_HEX)
            .redirectErrorStream(true)
            .start();
    openssl.getOutputStream().write(("C " + signed).getBytes(StandardCharsets.US_ASCII));
    openssl.getOutputStream().close();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(openssl.waitFor(10, TimeUnit.SECONDS));
    assertEquals("1 aGVsbG8=", signed);
    assertTrue(output.strip().endsWith(frame.substring(frame.lastIndexOf(' ') + 1)), output);
  }

  private static String tagOf(String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(KEY.secretKey());
      return Hex.encodeHexString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void assertRejected(String frame, String reason) {
    IntegrityException error = assertThrows(IntegrityException.class, () -> server.open(frame));
    assertEquals(reason, error.reason());
    assertEquals(IntegrityException.USER_MESSAGE + " (" + reason + ")", error.getMessage());
  }

  static String flipLowBit(String text, int index) {
    char[] chars = text.toCharArray();
    chars[index] ^= 1;
    return new String(chars);
  }

  @Test
  void keyFileAndHexGiveTheSameKey(@TempDir Path dir) throws IOException, IntegrityException {
    Path file = dir.resolve("key.hex");
    Files.writeString(file, KEY_HEX.toUpperCase() + "\n");
    MessageCodec fromFile = MessageCodec.hmac(IntegrityKey.fromFile(file), Role.CLIENT);
    assertEquals("same", server.open(fromFile.seal("same")));
  }
}
