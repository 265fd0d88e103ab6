package org.netlab.rpc.client.cli;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/**
 * The command-line contract over each of the four schemes against the real server: the same
 * commands give the same output and errors whichever protocol carries them.
 */
class RealServerCommandLineTest {

  /** One scheme: starts the server and points the real connector at it, trusting its CA. */
  abstract static class OverScheme extends CommandLineContract {
    @TempDir Path directory;
    private LoopbackServer running;

    abstract boolean tls();

    abstract String urlOf(LoopbackServer running);

    @BeforeEach
    void startServer() throws Exception {
      running = tls() ? LoopbackServer.start(directory) : LoopbackServer.startPlaintext(directory);
    }

    @AfterEach
    void stopServer() {
      running.close();
    }

    @Override
    Cli cli() {
      // Plaintext schemes read no CA, so the real connector needs no help there.
      // The server's data directory is the client's default, as for a user of a local server.
      return Cli.with(tls() ? new TrustingConnector(running.caFile()) : RpcConnection::open)
          .environment(Map.of("NETLAB_DATA_DIR", directory.toString()));
    }

    @Override
    String serverUrl() {
      return urlOf(running);
    }
  }

  @Nested
  class Grpcs extends OverScheme {
    @Override
    boolean tls() {
      return true;
    }

    @Override
    String urlOf(LoopbackServer running) {
      return running.url();
    }
  }

  @Nested
  class GrpcPlaintext extends OverScheme {
    @Override
    boolean tls() {
      return false;
    }

    @Override
    String urlOf(LoopbackServer running) {
      return running.url();
    }
  }

  @Nested
  class Https extends OverScheme {
    @Override
    boolean tls() {
      return true;
    }

    @Override
    String urlOf(LoopbackServer running) {
      return running.xmlRpcUrl();
    }
  }

  @Nested
  class HttpPlaintext extends OverScheme {
    @Override
    boolean tls() {
      return false;
    }

    @Override
    String urlOf(LoopbackServer running) {
      return running.xmlRpcUrl();
    }
  }

  /** The production connector, with the CA of the server under test in place of the default. */
  private record TrustingConnector(Path caFile) implements ServiceConnector {
    @Override
    public RpcConnection open(ClientSettings settings) {
      return RpcConnection.open(settings.withCaFile(caFile));
    }
  }
}
