package org.netlab.rpc.client.cli;

import java.util.Optional;
import org.netlab.rpc.client.ServerUrl;
import org.netlab.rpc.client.ServerUrl.Protocol;
import org.netlab.rpc.contract.DefaultAddresses;

/**
 * Says in one line what is wrong with a server URL whose call got no usable answer, from what its
 * port was found to speak ({@link PortProbe}): another protocol, TLS or no TLS, or a path where no
 * XML-RPC endpoint is. Empty when the port speaks what the URL says, so that the advice by kind of
 * failure (not reachable, not trusted, too slow) applies.
 */
final class Diagnosis {
  private Diagnosis() {}

  static Optional<String> of(ServerUrl url, PortProbe.Finding found) {
    Protocol protocol =
        switch (found.speaks()) {
          case HTTP2 -> Protocol.GRPC;
          case HTTP1 -> Protocol.XML_RPC;
          case NOTHING, UNKNOWN -> null;
        };
    if (protocol == null) {
      return Optional.empty();
    }
    String port = "port " + url.port();
    String where = "the server at " + hostAndPort(url);
    if (protocol != url.protocol()) {
      ServerUrl right =
          new ServerUrl(protocol, found.tls(), url.host(), url.port(), pathFor(protocol));
      String name = protocol == Protocol.GRPC ? "gRPC" : "XML-RPC";
      String tls = found.tls() == url.tls() ? "" : found.tls() ? " over TLS" : " without TLS";
      return Optional.of(port + " speaks " + name + tls + "; use " + right);
    }
    if (found.tls() != url.tls()) {
      ServerUrl right = new ServerUrl(protocol, found.tls(), url.host(), url.port(), url.path());
      return Optional.of(
          where + (found.tls() ? " uses TLS" : " does not use TLS") + "; use " + right);
    }
    if (protocol == Protocol.XML_RPC && found.httpStatus() == 404) {
      String fix =
          url.path().equals(DefaultAddresses.XML_RPC_PATH)
              ? "; is it a netlab server?"
              : "; the path is " + DefaultAddresses.XML_RPC_PATH;
      return Optional.of("no XML-RPC endpoint at " + url.path() + fix);
    }
    return Optional.empty();
  }

  private static String pathFor(Protocol protocol) {
    return protocol == Protocol.XML_RPC ? DefaultAddresses.XML_RPC_PATH : "";
  }

  private static String hostAndPort(ServerUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return host + ":" + url.port();
  }
}
