package org.netlab.rpc.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two proxies of {@code deploy/}, each started from its configuration file filled for a fleet,
 * on loopback, in the foreground, everything it writes under a run directory of the test's (CI runs
 * them as root: no system-wide file is read or written). The proxies present the servers' own
 * certificate, which is valid for 127.0.0.1, so clients trust the same CA behind a proxy as without
 * one.
 */
enum Proxy {
  NGINX("nginx", "nginx", "deploy/nginx/netlab.conf") {
    @Override
    List<String> command(Path executable, Path config, Path runDirectory) {
      // -e: the error log before the configuration is read, else nginx opens /var/log/nginx's.
      return List.of(
          executable.toString(),
          "-c",
          config.toString(),
          "-e",
          runDirectory.resolve("error.log").toString(),
          "-g",
          "daemon off;");
    }
  },
  HAPROXY("haproxy", "haproxy", "deploy/haproxy/netlab.cfg") {
    @Override
    List<String> command(Path executable, Path config, Path runDirectory) {
      return List.of(executable.toString(), "-f", config.toString(), "-db");
    }
  };

  /** The repository's root, seen from the interop-tests module where the tests run. */
  private static final Path REPOSITORY = Path.of("..");

  private final String program;
  private final String debianPackage;
  private final String configuration;

  Proxy(String program, String debianPackage, String configuration) {
    this.program = program;
    this.debianPackage = debianPackage;
    this.configuration = configuration;
  }

  /** The configuration file in the repository. */
  Path configuration() {
    return REPOSITORY.resolve(configuration);
  }

  /**
   * Starts the proxy in front of the fleet's first three servers, on two fixed free ports; skips
   * the calling test when the proxy is not installed.
   */
  RunningProxy start(ServerFleet fleet, Path runDirectory)
      throws IOException, InterruptedException {
    Path executable = Programs.assumeInstalled(program, debianPackage);
    Files.createDirectories(runDirectory);
    int grpcPort = FixedPorts.next();
    int xmlRpcPort = FixedPorts.next();
    Path config = runDirectory.resolve(configuration().getFileName());
    Files.writeString(
        config,
        ConfigTemplate.fill(configuration(), values(fleet, runDirectory, grpcPort, xmlRpcPort)),
        StandardCharsets.UTF_8);
    return RunningProxy.start(
        program,
        command(executable, config, runDirectory),
        runDirectory.resolve(program + ".out"),
        grpcPort,
        xmlRpcPort);
  }

  abstract List<String> command(Path executable, Path config, Path runDirectory);

  /** A value for every placeholder either file has. */
  private static Map<String, String> values(
      ServerFleet fleet, Path runDirectory, int grpcPort, int xmlRpcPort) throws IOException {
    Map<String, String> values = new HashMap<>();
    values.put("RUN_DIR", runDirectory.toAbsolutePath().toString());
    values.put("LISTEN_HOST", "127.0.0.1");
    values.put("GRPC_PORT", Integer.toString(grpcPort));
    values.put("XMLRPC_PORT", Integer.toString(xmlRpcPort));
    values.put("CERT", fleet.certificateChain().toAbsolutePath().toString());
    values.put("KEY", fleet.privateKey().toAbsolutePath().toString());
    values.put("CERT_AND_KEY", certificateAndKey(fleet, runDirectory).toString());
    values.put("CA", fleet.caFile().toAbsolutePath().toString());
    values.put("BACKEND_TLS_NAME", "localhost");
    for (int i = 1; i <= 3; i++) {
      values.put("BACKEND_" + i + "_HOST", "127.0.0.1");
      values.put("BACKEND_" + i + "_GRPC_PORT", Integer.toString(fleet.grpcPort(i)));
      values.put("BACKEND_" + i + "_XMLRPC_PORT", Integer.toString(fleet.xmlRpcPort(i)));
    }
    return values;
  }

  /** HAProxy reads a certificate's chain and key from one file. */
  private static Path certificateAndKey(ServerFleet fleet, Path runDirectory) throws IOException {
    Path file = runDirectory.resolve("proxy.pem").toAbsolutePath();
    // It holds a private key: owner-only from the start.
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file,
        Files.readString(fleet.certificateChain(), StandardCharsets.US_ASCII)
            + Files.readString(fleet.privateKey(), StandardCharsets.US_ASCII),
        StandardCharsets.US_ASCII);
    return file;
  }
}
