package org.netlab.rpc.server.console;

import com.google.protobuf.Struct;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethodDescription;

/**
 * What {@code GET /console/api/services} answers: the services and methods of both protocols, as
 * JSON. Describing is harmless, as reflection and {@code system.listMethods} are, so anyone may
 * read it; it is written once, when the server starts, since it never changes while it runs.
 */
final class ServiceCatalog {
  private ServiceCatalog() {}

  /** {@code {"grpc": {...}, "xmlrpc": {...}}} in UTF-8. */
  static byte[] json(ProtoDescriptorSet grpc, List<XmlRpcMethodDescription> xmlRpc) {
    Struct catalog =
        Struct.newBuilder()
            .putFields("grpc", GrpcCatalog.of(grpc.services()))
            .putFields("xmlrpc", XmlRpcCatalog.of(xmlRpc))
            .build();
    return JsonValues.print(catalog).getBytes(StandardCharsets.UTF_8);
  }
}
