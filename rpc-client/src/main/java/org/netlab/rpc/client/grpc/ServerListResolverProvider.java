package org.netlab.rpc.client.grpc;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import org.netlab.rpc.client.ServerUrl;

/**
 * Resolves a channel target of the form {@code netlab-list:///host1:port1,host2:port2} to those
 * servers, in that order, so that grpc-java's own load balancing ({@code round_robin}) spreads
 * calls over a list given on the command line. Each server keeps its own host as the authority its
 * TLS certificate is checked against. Host names are resolved on every refresh, which the channel
 * asks for when a connection fails.
 */
final class ServerListResolverProvider extends NameResolverProvider {
  static final String SCHEME = "netlab-list";

  private static final ServerListResolverProvider INSTANCE = new ServerListResolverProvider();

  static {
    NameResolverRegistry.getDefaultRegistry().register(INSTANCE);
  }

  private ServerListResolverProvider() {}

  /** The channel target naming {@code addresses}; the provider is registered by then. */
  static String target(List<ServerUrl.Address> addresses) {
    StringJoiner list = new StringJoiner(",");
    addresses.forEach(address -> list.add(address.toString()));
    return SCHEME + ":///" + list;
  }

  @Override
  public NameResolver newNameResolver(URI target, NameResolver.Args args) {
    if (!SCHEME.equals(target.getScheme())) {
      return null;
    }
    String path = target.getPath();
    String servers = path.startsWith("/") ? path.substring(1) : path;
    ServerUrl parsed = ServerUrl.parse("grpc://" + servers);
    return new ServerListResolver(parsed.addresses());
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5;
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }

  /** The fixed list, its names looked up again at each start and refresh. */
  private static final class ServerListResolver extends NameResolver {
    private final List<ServerUrl.Address> addresses;
    private Listener2 listener;

    ServerListResolver(List<ServerUrl.Address> addresses) {
      this.addresses = addresses;
    }

    @Override
    public String getServiceAuthority() {
      return addresses.get(0).toString();
    }

    @Override
    public void start(Listener2 listener) {
      this.listener = listener;
      resolve();
    }

    @Override
    public void refresh() {
      resolve();
    }

    private void resolve() {
      List<EquivalentAddressGroup> groups = new ArrayList<>();
      for (ServerUrl.Address address : addresses) {
        InetSocketAddress socket = new InetSocketAddress(address.host(), address.port());
        if (!socket.isUnresolved()) {
          groups.add(
              new EquivalentAddressGroup(
                  socket,
                  Attributes.newBuilder()
                      .set(EquivalentAddressGroup.ATTR_AUTHORITY_OVERRIDE, address.toString())
                      .build()));
        }
      }
      if (groups.isEmpty()) {
        listener.onError(
            Status.UNAVAILABLE.withDescription("no server of the list resolves: " + addresses));
        return;
      }
      listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
    }

    @Override
    public void shutdown() {}
  }
}
