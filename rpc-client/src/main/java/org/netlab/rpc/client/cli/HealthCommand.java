package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.rpc.client.ServerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code health}: whether the server serves, for scripts that wait for it. */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints SERVING (exit 0) or NOT_SERVING (exit 1): the gRPC health service for",
      "grpc(s):// URLs; for http(s):// URLs a cheap call that reaches the phonebook store.",
      "A server that does not answer is exit 3, with the reason."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client health",
      "  until rpc-client health 2>/dev/null; do sleep 1; done   # wait for the server"
    })
final class HealthCommand implements Callable<Integer> {
  @ParentCommand private RpcClientCommand root;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    ServerInfo.Health health;
    try (ServerInfo server = ServerInfo.open(root.connection().settings())) {
      health = server.health();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(health);
    out.flush();
    return health == ServerInfo.Health.SERVING ? ExitCodes.OK : ExitCodes.REFUSED;
  }
}
