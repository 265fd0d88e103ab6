package org.netlab.labs.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.RawDataFtpClient;
import org.netlab.labs.net.StrictUtf8;

/**
 * File names of every plane in use go out in listings as the UTF-8 they are, and a name the file
 * system holds as bytes that are not UTF-8 still goes out as valid UTF-8: whatever the served tree
 * holds, a listing is text a client can decode.
 */
@Timeout(30)
class FtpEveryPlaneTest {
  private static final List<String> NAMES =
      List.of(
          "Émile Zoë 王.txt",
          "emoji \uD83D\uDE00.txt",
          "ideograph \uD840\uDC00.txt",
          "tertiary \uD880\uDC00.txt",
          "selector a\uDB40\uDD00.txt",
          "private \uDB80\uDC00.txt");

  @TempDir Path dir;

  @Test
  void namesOfEveryPlaneAreListedExactlyAsUtf8() throws Exception {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      for (String name : NAMES) {
        Files.writeString(server.root().resolve(name), "x");
      }
      assertEquals(new TreeSet<>(NAMES), names(server));
    }
  }

  @Test
  void aNameThatIsNotUtf8OnDiskIsListedAsValidUtf8() throws Exception {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      assumeTrue(
          createWithRawName(server.root(), "latin1-\\xe9t\\xe9.txt"),
          "skipped: python3 is not installed (Debian package python3) to make a non-UTF-8 name");
      Set<String> names = names(server);
      assertEquals(1, names.size(), names::toString);
    }
  }

  /** The names NLST sends, decoded strictly: a byte sequence that is not UTF-8 fails the test. */
  private static Set<String> names(FtpTestServer server) throws IOException {
    RawDataFtpClient ftp = server.login("anonymous", "guest@");
    try {
      Socket data = ftp.openData("NLST", null);
      assertNotNull(data, ftp.getReplyString());
      byte[] listing;
      try (InputStream in = data.getInputStream()) {
        listing = in.readAllBytes();
      }
      ftp.completePendingCommand();
      return new TreeSet<>(StrictUtf8.decode(listing).lines().toList());
    } finally {
      ftp.disconnect();
    }
  }

  /** Makes a file whose name is raw bytes, which Java cannot name; false without python3. */
  private static boolean createWithRawName(Path directory, String pythonBytes) {
    try {
      Process python =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import os,sys; open(os.path.join(sys.argv[1].encode(), b'"
                      + pythonBytes
                      + "'), 'wb').close()",
                  directory.toString())
              .start();
      return python.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
