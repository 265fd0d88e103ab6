package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.rpc.client.ServerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code describe}: the services and methods a server offers, as it describes them. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the server's services (sorted by name) and methods with their request and response types:",
      "through gRPC server reflection for grpc(s):// URLs, through XML-RPC introspection",
      "(system.listMethods, system.methodSignature, system.methodHelp) for http(s):// URLs."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client describe",
      "  rpc-client describe --server https://localhost:8443/RPC2",
      "  rpc-client describe --json | jq -r '.[].name'"
    })
final class DescribeCommand implements Callable<Integer> {
  @ParentCommand private RpcClientCommand root;

  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "Print the services as one JSON array.")
  private boolean json;

  @Override
  public Integer call() {
    List<ServerInfo.Service> services;
    try (ServerInfo server = ServerInfo.open(root.connection().settings())) {
      services =
          server.services().stream()
              .sorted(Comparator.comparing(ServerInfo.Service::name))
              .toList();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, services);
      return ExitCodes.OK;
    }
    for (ServerInfo.Service service : services) {
      out.println(service.name());
      for (ServerInfo.Method method : service.methods()) {
        out.println(
            "  "
                + method.name()
                + "("
                + String.join(", ", method.parameters())
                + ") returns "
                + method.result());
        if (!method.help().isEmpty()) {
          out.println("      " + method.help());
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
