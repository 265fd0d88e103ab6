package org.netlab.rpc.client.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
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
      return Cli.with(tls() ? new TrustingConnector(running.caFile()) : new TransportConnector());
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
    private static final TransportConnector TRANSPORTS = new TransportConnector();

    @Override
    public Connection<Calculator> calculator(ConnectionSettings settings) {
      return TRANSPORTS.calculator(trusting(settings));
    }

    @Override
    public Connection<Phonebook> phonebook(ConnectionSettings settings) {
      return TRANSPORTS.phonebook(trusting(settings));
    }

    private ConnectionSettings trusting(ConnectionSettings settings) {
      return new ConnectionSettings(
          settings.url(),
          caFile,
          settings.clientCertificate(),
          settings.clientKey(),
          settings.timeout());
    }
  }
}
