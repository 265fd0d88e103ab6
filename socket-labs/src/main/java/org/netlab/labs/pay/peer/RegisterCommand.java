package org.netlab.labs.pay.peer;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.tls.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pay register NAME}: a key made here, a certificate issued for it by the server. */
@Command(
    name = "register",
    description = {
      "Registers NAME: makes a P-256 key here, sends the server a certificate request,",
      "and keeps the key with the certificate the server's CA issues. No password."
    })
final class RegisterCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Parameters(paramLabel = "NAME", description = "2 to 32 of a-z 0-9 _ -, starting with a letter.")
  String name;

  @Override
  public Integer call() throws Exception {
    Path directory = options.identityDirectory(name);
    if (Files.exists(directory.resolve(PeerIdentity.CERTIFICATE_FILE))) {
      throw new IllegalArgumentException(name + " is registered here already: " + directory);
    }
    PeerIdentity.Request request = PeerIdentity.request(name);
    PayReply reply;
    try (PayClient client = options.connect(options.anonymousTls())) {
      reply =
          PeerOptions.expectSuccess(
              client.call(PayProtocol.REGISTER + " " + name + " " + request.csrBase64()));
    }
    PeerIdentity identity =
        PeerIdentity.save(
            directory, request, reply.text(), Pem.readCertificates(options.caFile()).get(0));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "registered %s; key and certificate in %s%ncertificate SHA-256 %s%n",
        identity.name(), directory, identity.fingerprint());
    out.flush();
    return ExitCodes.OK;
  }
}
