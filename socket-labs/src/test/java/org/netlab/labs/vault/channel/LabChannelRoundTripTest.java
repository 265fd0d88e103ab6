package org.netlab.labs.vault.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files travel whole over the lab channel, to several clients at once, and refusals say why. */
@Timeout(60)
class LabChannelRoundTripTest {
  @TempDir Path dir;

  private static LabChannelClient.Reply fetch(
      LabChannelFixture lab, String path, ByteArrayOutputStream out) throws Exception {
    return LabChannelClient.fetch(
        "127.0.0.1", lab.port(), lab.key(), path, out, Duration.ofSeconds(10));
  }

  @Test
  void severalFilesReachSeveralClientsAtOnceWhole() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir);
        ExecutorService clients = Executors.newFixedThreadPool(8)) {
      List<String> paths =
          List.of(
              LabChannelFixture.NOTES,
              LabChannelFixture.BIG,
              LabChannelFixture.EXACT,
              LabChannelFixture.EMPTY);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String path = paths.get(i % paths.size());
        results.add(
            clients.submit(
                () -> {
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  LabChannelClient.Reply reply = fetch(lab, path, out);
                  assertEquals(LabStatus.OK, reply.status(), path);
                  assertEquals(out.size(), reply.bytes());
                  return path + " " + LabChannelFixture.sha256(out.toByteArray());
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        String path = paths.get(i % paths.size());
        assertEquals(path + " " + lab.sha256Of(path), results.get(i).get());
      }
    }
  }

  @Test
  void refusalsCarryTheLabsStatusesAndNoData() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(LabStatus.BAD_REQUEST, fetch(lab, "/secret", out).status());
      assertEquals(
          "files without an extension are not served", fetch(lab, "/secret", out).reason());
      assertEquals(LabStatus.NOT_ALLOWED, fetch(lab, "/data", out).status());
      assertEquals(LabStatus.NOT_FOUND, fetch(lab, "/missing.txt", out).status());
      assertEquals(LabStatus.BAD_REQUEST, fetch(lab, "/../etc/passwd.txt", out).status());
      assertEquals(LabStatus.BAD_REQUEST, fetch(lab, "notes.txt", out).status());
      assertEquals(0, out.size());
    }
  }

  @Test
  void theKeyFileIsKeptSoARestartedServerHasTheSamePin() throws Exception {
    String first;
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      first = lab.key();
    }
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      assertEquals(first, lab.key());
      lab.assertServes(LabChannelFixture.NOTES);
    }
    assertTrue(first.length() == 44, first);
  }
}
