package org.netlab.rpc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.ServerTls;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.grpc.GrpcEndpoint;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import org.netlab.rpc.server.xmlrpc.XmlRpcEndpoint;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;

/**
 * Every {@link ErrorCode} thrown by a service on the server reaches our client, over each protocol,
 * as the same code with the same message; only {@code INTERNAL} arrives with the server's generic
 * words, since details of an unexpected failure never leave the server. A new code fails here until
 * both mappings carry it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorCodeRoundTripTest {
  @TempDir static Path dataDir;
  private static GrpcEndpoint grpc;
  private static XmlRpcEndpoint xmlRpc;
  private static RpcConnection overGrpc;
  private static RpcConnection overXmlRpc;

  @BeforeAll
  static void start() throws Exception {
    ServerTls tls = ServerTls.resolve(null, null, null, dataDir);
    InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
    grpc =
        new GrpcEndpoint(
            new GrpcEndpointSettings(loopback, tls.files()),
            new FiniteCalculator(),
            new RefusingPhonebook(),
            TestAccess.unchecked());
    grpc.start();
    xmlRpc =
        new XmlRpcEndpoint(
            loopback,
            tls.files(),
            new FiniteCalculator(),
            new RefusingPhonebook(),
            TestAccess.unchecked(),
            XmlRpcLimits.defaults());
    xmlRpc.start();
    overGrpc = RpcConnection.open(ClientSettings.forUrl(grpc.url()).withCaFile(tls.localCa()));
    overXmlRpc = RpcConnection.open(ClientSettings.forUrl(xmlRpc.url()).withCaFile(tls.localCa()));
  }

  @AfterAll
  static void stop() {
    overGrpc.close();
    overXmlRpc.close();
    grpc.close();
    xmlRpc.close();
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyCodeSurvivesGrpc(ErrorCode code) {
    assertArrivesAs(code, overGrpc);
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyCodeSurvivesXmlRpc(ErrorCode code) {
    assertArrivesAs(code, overXmlRpc);
  }

  private static void assertArrivesAs(ErrorCode code, RpcConnection connection) {
    ServiceException refusal =
        assertThrows(ServiceException.class, () -> connection.phonebook().find(code.name()));
    assertEquals(code, refusal.code(), refusal::getMessage);
    if (code == ErrorCode.INTERNAL) {
      assertFalse(refusal.getMessage().contains(RefusingPhonebook.message(code)));
    } else {
      assertEquals(RefusingPhonebook.message(code), refusal.getMessage());
    }
  }

  /** Refuses every call naming an entry with the error code of that name. */
  private static final class RefusingPhonebook implements Phonebook {
    static String message(ErrorCode code) {
      return "refused with " + code + ": Zoë's entry, 50% off";
    }

    private static ServiceException refusal(String codeName) {
      ErrorCode code = ErrorCode.valueOf(codeName);
      return new ServiceException(code, message(code));
    }

    @Override
    public Entry find(String name) {
      throw refusal(name);
    }

    @Override
    public Entry add(String name, String number) {
      throw refusal(name);
    }

    @Override
    public Entry update(String name, String number) {
      throw refusal(name);
    }

    @Override
    public void remove(String name) {
      throw refusal(name);
    }

    @Override
    public List<Entry> list(String namePrefix) {
      throw refusal(namePrefix);
    }

    @Override
    public long count() {
      throw new IllegalStateException("the round trip calls only methods that name an entry");
    }

    @Override
    public long removeAll() {
      throw new IllegalStateException("the round trip calls only methods that name an entry");
    }
  }
}
