package org.netlab.labs.vault.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/**
 * A hundred clients at once, each downloading files whose SHA-256 it knows, through the JDK's own
 * HTTP client: plaintext (sendfile) and TLS.
 */
@Timeout(120)
class VaultLoadTest {
  private static final int CLIENTS = 100;
  private static final int FILES = 20;

  @TempDir Path dir;

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aHundredClientsAtOnceGetExactlyTheirFiles(boolean overTls) throws Exception {
    Path root = Files.createDirectories(dir.resolve("vault"));
    List<String> sums = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < FILES; i++) {
      byte[] bytes = new byte[(1 << 20) + random.nextInt(1 << 20)];
      random.nextBytes(bytes);
      Files.write(root.resolve("file-" + i + ".bin"), bytes);
      sums.add(sha256(bytes));
    }
    VaultServer.Settings settings = VaultServer.Settings.plaintext(root);
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    String scheme = "http";
    if (overTls) {
      LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir.resolve("tls"));
      settings = settings.withTls(VaultServer.Tls.of(ca.serverFiles()));
      SSLContext context = SslContexts.forClient(ca.certificateFile(), null, null);
      client.sslContext(context);
      scheme = "https";
    }
    try (VaultServer server = new VaultServer(settings).start();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      String base = scheme + "://localhost:" + server.port() + "/";
      List<CompletableFuture<Integer>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int clientNumber = c;
        done.add(
            CompletableFuture.supplyAsync(
                () -> {
                  // Each client its own HttpClient: its own connection, as separate clients have.
                  try (HttpClient http = client.build()) {
                    int ok = 0;
                    for (int k = 0; k < 3; k++) {
                      int file = (clientNumber * 7 + k) % FILES;
                      HttpResponse<byte[]> response =
                          http.send(
                              HttpRequest.newBuilder(URI.create(base + "file-" + file + ".bin"))
                                  .timeout(Duration.ofSeconds(60))
                                  .build(),
                              HttpResponse.BodyHandlers.ofByteArray());
                      if (response.statusCode() == 200
                          && sha256(response.body()).equals(sums.get(file))) {
                        ok++;
                      }
                    }
                    return ok;
                  } catch (IOException | InterruptedException e) {
                    throw new java.util.concurrent.CompletionException(e);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                threads));
      }
      int matched = 0;
      for (CompletableFuture<Integer> each : done) {
        matched += each.join();
      }
      assertEquals(CLIENTS * 3, matched, "downloads whose SHA-256 matched");
    }
  }
}
