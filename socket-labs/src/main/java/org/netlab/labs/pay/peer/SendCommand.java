package org.netlab.labs.pay.peer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.Amounts;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pay send NAME AMOUNT}: a signed order, offered to the payee directly. */
@Command(
    name = "send",
    description = {
      "Pays NAME: signs an order, offers it to NAME's own server over mutual TLS,",
      "and waits until NAME accepts (the server settles) or declines."
    })
final class SendCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Parameters(index = "0", paramLabel = "NAME", description = "Who to pay; they must be online.")
  String payee;

  @Parameters(index = "1", paramLabel = "AMOUNT", description = "Such as 12 or 12.50.")
  String amount;

  @Option(
      names = "--lifetime",
      defaultValue = "2m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long the payee has to accept (default: ${DEFAULT-VALUE}, at most 10m).")
  Duration lifetime;

  @Override
  public Integer call() throws Exception {
    long minor = Amounts.parse(amount);
    if (minor < 1) {
      throw new IllegalArgumentException("the amount must be positive");
    }
    if (lifetime.compareTo(PayProtocol.MAX_ORDER_LIFETIME) > 0 || lifetime.toSeconds() < 1) {
      throw new IllegalArgumentException("--lifetime must be 1s to 10m");
    }
    PeerIdentity me = options.identity();
    PayReply reply;
    try (PayClient client = options.connect(me.tls(options.caFile()));
        Payer payer =
            new Payer(me, me.tls(options.caFile()), client, Clock.systemUTC(), options.timeout)) {
      reply = payer.pay(payee, minor, lifetime);
    }
    PeerOptions.expectSuccess(reply);
    spec.commandLine().getOut().printf("paid %s %s: %s%n", payee, Amounts.format(minor), reply);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
