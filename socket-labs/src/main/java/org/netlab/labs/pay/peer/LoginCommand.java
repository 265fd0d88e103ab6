package org.netlab.labs.pay.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.Amounts;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pay login}: goes online and stays until quit. Opens this peer's own server for payers,
 * shows each incoming offer to accept or decline (or answers them all by rule), and takes commands:
 * list, balance, send, history.
 */
@Command(
    name = "login",
    description = {
      "Goes online: opens your own server for payers, logs in, and shows incoming offers",
      "to accept or decline. Commands while online: list, balance, send NAME AMOUNT,",
      "history, accept [N], decline [N], help, quit."
    })
final class LoginCommand implements Callable<Integer> {
  /** How incoming offers are answered. */
  enum AcceptMode {
    ask,
    all,
    none
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Option(
      names = "--accept",
      defaultValue = "ask",
      paramLabel = "MODE",
      description = {
        "ask: prompt for each offer; all: accept every offer; none: decline every offer",
        "(default: ${DEFAULT-VALUE}). With all or none, the peer stays online when its input ends."
      })
  AcceptMode accept;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address your own server listens on (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--peer-port",
      defaultValue = "0",
      paramLabel = "PORT",
      description = "Port of your own server (default: any free one).")
  int peerPort;

  /** Commands come from here; tests replace it. */
  InputStream input = System.in;

  /**
   * Counted down to end a session whose input has ended; until then, with {@code --accept all} or
   * {@code none}, the peer serves until it is stopped (Ctrl-C, SIGTERM: the server then sees its
   * connection end, and takes it offline).
   */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PeerIdentity me = options.identity();
    PrintWriter out = spec.commandLine().getOut();
    PromptDecision prompt = new PromptDecision(out);
    OfferDecision decision =
        switch (accept) {
          case ask -> prompt;
          case all -> announce(OfferDecision.acceptAll(), out, "accepted");
          case none -> announce(OfferDecision.declineAll(), out, "declined");
        };
    InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(listen), peerPort);
    try (PeerSession session =
        new PeerSession(
                me,
                me.tls(options.caFile()),
                () -> options.connect(me.tls(options.caFile())),
                bind,
                decision,
                out)
            .start()) {
      synchronized (out) {
        out.printf(
            "%s online; payers reach you on port %d. Commands: list, balance, send NAME AMOUNT,"
                + " history, accept [N], decline [N], help, quit%n",
            me.name(), session.peerPort());
        out.flush();
      }
      boolean ended = repl(session, prompt, out);
      if (ended && accept != AcceptMode.ask) {
        stop.await();
      }
    }
    return ExitCodes.OK;
  }

  /** Reads commands until quit (false) or the end of the input (true). */
  private boolean repl(PeerSession session, PromptDecision prompt, PrintWriter out)
      throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      String[] words = line.strip().split("\\s+");
      String answer;
      try {
        answer = command(words, session, prompt);
      } catch (IllegalArgumentException e) {
        answer = e.getMessage();
      } catch (IOException e) {
        answer = "failed: " + e.getMessage();
      }
      if (answer == null) {
        return false;
      }
      if (!answer.isEmpty()) {
        synchronized (out) {
          out.println(answer);
          out.flush();
        }
      }
    }
    return true;
  }

  /** What one command line answers; null to quit. */
  private String command(String[] words, PeerSession session, PromptDecision prompt)
      throws IOException {
    PayClient server = session.server();
    return switch (words[0].toLowerCase(java.util.Locale.ROOT)) {
      case "" -> "";
      case "list" -> {
        PayReply reply = server.call(PayProtocol.LIST);
        yield String.join(System.lineSeparator(), reply.lines())
            + (reply.lines().isEmpty() ? "" : System.lineSeparator())
            + reply.text()
            + " online";
      }
      case "balance" -> {
        PayReply reply = PeerOptions.expectSuccess(server.call(PayProtocol.BALANCE));
        yield "balance " + Amounts.format(Long.parseLong(reply.text()));
      }
      case "history" -> {
        PayReply reply = PeerOptions.expectSuccess(server.call(PayProtocol.HISTORY));
        yield String.join(
            System.lineSeparator(), reply.lines().stream().map(HistoryLines::describe).toList());
      }
      case "send" -> {
        if (words.length != 3) {
          throw new IllegalArgumentException("usage: send NAME AMOUNT");
        }
        PayReply reply;
        try (Payer payer =
            new Payer(
                session.identity(), session.tls(), server, Clock.systemUTC(), options.timeout)) {
          reply = payer.pay(words[1], Amounts.parse(words[2]), PayProtocol.DEFAULT_ORDER_LIFETIME);
        }
        yield reply.status().isSuccess()
            ? "paid " + words[1] + " " + words[2] + ": " + reply
            : "not paid: " + reply;
      }
      case "accept", "y", "yes" -> answer(words, prompt, OfferDecision.Answer.ACCEPT);
      case "decline", "n", "no" -> answer(words, prompt, OfferDecision.Answer.DECLINE);
      case "help" -> "list, balance, send NAME AMOUNT, history, accept [N], decline [N], quit";
      case "quit", "exit", "logout" -> null;
      default -> "unknown command " + words[0] + "; try help";
    };
  }

  private static String answer(String[] words, PromptDecision prompt, OfferDecision.Answer answer) {
    Optional<Integer> number = Optional.empty();
    if (words.length > 1) {
      if (!words[1].matches("[0-9]{1,6}")) {
        throw new IllegalArgumentException("usage: accept N or decline N");
      }
      number = Optional.of(Integer.parseInt(words[1]));
    }
    return prompt.answer(number, answer)
        ? (answer == OfferDecision.Answer.ACCEPT ? "accepted" : "declined")
        : "no such offer waiting";
  }

  private static OfferDecision announce(OfferDecision rule, PrintWriter out, String verb) {
    return (order, within) -> {
      OfferDecision.Answer answer = rule.decide(order, within);
      synchronized (out) {
        out.printf(
            "%s %s from %s (order %s)%n",
            verb, Amounts.format(order.amount()), order.payer(), order.id());
        out.flush();
      }
      return answer;
    };
  }

  Duration timeout() {
    return options.timeout;
  }
}
