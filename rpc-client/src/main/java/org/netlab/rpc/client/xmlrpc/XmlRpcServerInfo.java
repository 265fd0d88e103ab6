package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.ServerInfo;
import org.netlab.rpc.client.TransportException;

/**
 * {@link ServerInfo} over XML-RPC: the methods through the introspection methods {@code
 * system.listMethods}, {@code system.methodSignature} and {@code system.methodHelp}, grouped into
 * services by the name before their first dot; health through {@code phonebook.countEntries}, a
 * cheap call that also reaches the store (over several servers, the store of the one it reached).
 * Use {@link ServerInfo#open}.
 */
public final class XmlRpcServerInfo implements ServerInfo {
  /** The group of the lab's method names, which have no namespace ({@code add}, ...). */
  public static final String NO_NAMESPACE = "(no namespace)";

  private final XmlRpcServers servers;

  private XmlRpcServerInfo(XmlRpcServers servers) {
    this.servers = servers;
  }

  /**
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be used
   */
  public static ServerInfo open(ClientSettings settings) {
    try {
      return new XmlRpcServerInfo(XmlRpcServers.open(settings));
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Service> services() {
    Map<String, List<Method>> services = new LinkedHashMap<>();
    for (Object listed : servers.call(Object[].class, "system.listMethods")) {
      String name = String.valueOf(listed);
      int dot = name.indexOf('.');
      String service = dot < 0 ? NO_NAMESPACE : name.substring(0, dot);
      String help = withoutUsage(name, servers.call(String.class, "system.methodHelp", name));
      Object[] signatures = servers.call(Object[].class, "system.methodSignature", name);
      List<Method> methods = services.computeIfAbsent(service, s -> new ArrayList<>());
      for (Object signature : signatures) {
        List<String> types = new ArrayList<>();
        if (signature instanceof Object[] array) {
          Arrays.stream(array).map(String::valueOf).forEach(types::add);
        }
        if (types.isEmpty()) {
          methods.add(new Method(name, List.of(), "?", help));
        } else {
          methods.add(new Method(name, types.subList(1, types.size()), types.get(0), help));
        }
      }
    }
    List<Service> result = new ArrayList<>();
    services.forEach((name, methods) -> result.add(new Service(name, methods)));
    return result;
  }

  /** netlab's help starts with the usage, {@code name(type x): }; the signature says it already. */
  private static String withoutUsage(String name, String help) {
    int end = help.indexOf("): ");
    return help.startsWith(name + "(") && end > 0 ? help.substring(end + 3) : help;
  }

  @Override
  public Health health() {
    try {
      servers.call(Integer.class, "phonebook.countEntries");
      return Health.SERVING;
    } catch (ServiceException e) {
      if (e.code() == ErrorCode.UNAVAILABLE) {
        return Health.NOT_SERVING;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    servers.close();
  }
}
