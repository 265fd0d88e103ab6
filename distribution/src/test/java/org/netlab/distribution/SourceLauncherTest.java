package org.netlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launchers of a checkout's {@code bin/} when they cannot build the tools. */
@Timeout(120)
class SourceLauncherTest {
  private static final Path CHECKOUT = Path.of(System.getProperty("netlab.checkout")).normalize();

  @Test
  void aFailedBuildExits125WithOneLineAndWritesNothingIntoTheCheckout(@TempDir Path temp)
      throws Exception {
    Path checkout = Files.createDirectories(temp.resolve("checkout"));
    copyTree(CHECKOUT.resolve("bin"), checkout.resolve("bin"));
    Files.writeString(checkout.resolve("pom.xml"), "<project>not a model</project>\n");
    Files.writeString(checkout.resolve("README.md"), "# broken\n");

    ProcessBuilder builder =
        new ProcessBuilder(checkout.resolve("bin/rpc-client").toString(), "--version");
    builder.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process launcher = builder.start();
    String err = new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(launcher.waitFor(90, TimeUnit.SECONDS));

    assertEquals(125, launcher.exitValue(), err);
    assertTrue(
        err.strip()
            .endsWith(
                "rpc-client: the build failed; 'mvn -pl distribution -am package' in "
                    + checkout
                    + " shows why"),
        err);
    try (Stream<Path> files = Files.list(checkout)) {
      assertEquals(3, files.count(), "only bin/, pom.xml and README.md: no lock or build output");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Files.copy(
            path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
