package org.netlab.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.server.LoopbackServer;

/**
 * The Java example of the README compiles against the client library and does what it says against
 * a real server that checks its callers. Only the line naming the server changes, to point at this
 * test's server and its CA; the rest is run as written, in a JVM of its own whose {@code RPC_TOKEN}
 * is the server's admin token.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeJavaExampleTest {
  private static final Path README = Path.of("../README.md");
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("## Use it from Java.*?```java\\n(.*?)```", Pattern.DOTALL);
  private static final String SERVER_LINE = "ClientSettings.forUrl(\"grpcs://localhost:50051\")";

  @TempDir Path work;

  @Test
  void theReadmeExampleCompilesAndAddsAndFindsAnEntryWithTheTokenOfItsEnvironment()
      throws Exception {
    String example = readmeExample();
    assertTrue(example.contains(SERVER_LINE), "the example should name " + SERVER_LINE);
    try (LoopbackServer server = LoopbackServer.start(work.resolve("data"))) {
      String pointed =
          example.replace(
              SERVER_LINE,
              "ClientSettings.forUrl(\""
                  + server.url()
                  + "\").withCaFile(java.nio.file.Path.of(\""
                  + server.caFile().toAbsolutePath()
                  + "\"))");
      Path classes = compile(pointed);
      String output = run(classes, server.adminToken());
      assertEquals(
          List.of("5.0", "Entry[name=Ada Lovelace, number=+44 20 7946 0000]"),
          output.lines().toList());
    }
  }

  private static String readmeExample() throws Exception {
    Matcher block = JAVA_BLOCK.matcher(Files.readString(README));
    assertTrue(block.find(), "README.md should hold a ```java block under ## Use it from Java");
    return block.group(1);
  }

  /** Compiles the example (a class named Example) with the test's class path. */
  private Path compile(String source) throws Exception {
    Path file = work.resolve("Example.java");
    Files.writeString(file, source);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            file.toString());
    assertEquals(0, status, diagnostics::toString);
    return classes;
  }

  /**
   * Runs the example's main in a new JVM, as a user would, with {@code RPC_TOKEN} set: the token
   * reaches it the way the README says, not through this test's process. Answers its output.
   */
  private String run(Path classes, String token) throws Exception {
    Path errors = work.resolve("example-errors.txt");
    ProcessBuilder java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path"),
                "Example")
            .redirectError(errors.toFile());
    java.environment().put("RPC_TOKEN", token);
    Process example = java.start();
    String output = new String(example.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(example.waitFor(60, TimeUnit.SECONDS), "the example did not end within 60 s");
    assertEquals(0, example.exitValue(), () -> output + readQuietly(errors));
    return output;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no standard error: " + e.getMessage() + ")";
    }
  }
}
