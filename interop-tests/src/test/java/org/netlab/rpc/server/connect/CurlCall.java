package org.netlab.rpc.server.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** One POST made by curl to the server's HTTPS port, and what came back. */
public record CurlCall(int status, String headers, byte[] body) {

  public static boolean curlAvailable() {
    try {
      return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * POSTs {@code body} to {@code url} trusting {@code ca}, with the extra curl options given
   * ({@code -H "Authorization: Bearer ..."}, say).
   */
  public static CurlCall post(Path work, Path ca, String url, byte[] body, String... options)
      throws IOException, InterruptedException {
    Path request = Files.createTempFile(work, "request", ".bin");
    Path headers = Files.createTempFile(work, "headers", ".txt");
    Path answer = Files.createTempFile(work, "answer", ".bin");
    Files.write(request, body);
    List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "20"));
    command.addAll(List.of("--cacert", ca.toString(), "--data-binary", "@" + request));
    command.addAll(List.of("-D", headers.toString(), "-o", answer.toString()));
    command.addAll(List.of("-w", "%{http_code}"));
    command.addAll(List.of(options));
    command.add(url);
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String printed = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(curl.waitFor(30, TimeUnit.SECONDS), printed);
    assertEquals(0, curl.exitValue(), printed);
    return new CurlCall(
        Integer.parseInt(printed.strip()),
        Files.readString(headers, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT),
        Files.readAllBytes(answer));
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
