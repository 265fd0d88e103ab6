package org.netlab.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
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
 * a real server. Only the line naming the server changes, to point at this test's server and its
 * CA; the rest is run as written.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeJavaExampleTest {
  private static final Path README = Path.of("../README.md");
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("## Use it from Java.*?```java\\n(.*?)```", Pattern.DOTALL);
  private static final String SERVER_LINE = "ClientSettings.forUrl(\"grpcs://localhost:50051\")";

  @TempDir Path work;

  @Test
  void theReadmeExampleCompilesAndAddsAndFindsAnEntry() throws Exception {
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
      String output = compileAndRun(pointed);
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

  /** Compiles the example (a class named Example) with the test's class path and runs main. */
  private String compileAndRun(String source) throws Exception {
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
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("Example").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(stdout);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
