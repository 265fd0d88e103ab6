package org.netlab.labs.pay.server;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.netlab.labs.pay.OrderSignatures;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;
import org.netlab.labs.pay.PaymentOrder;
import org.netlab.labs.pay.PeerCertificates;
import org.netlab.labs.pay.SignedOrder;
import org.netlab.labs.pay.UserNames;
import org.netlab.labs.pay.ledger.Account;
import org.netlab.labs.pay.ledger.Decision;
import org.netlab.labs.pay.ledger.HistoryEntry;
import org.netlab.labs.pay.ledger.Ledger;
import org.netlab.labs.pay.ledger.LedgerUnavailableException;
import org.netlab.labs.pay.ledger.NameTakenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central server's commands: each turns one request line into one reply, on a worker thread.
 * Every command but REGISTER needs a caller whose certificate is the one registered for its name.
 */
final class PayCommands {
  private static final Logger log = LoggerFactory.getLogger(PayCommands.class);

  /** Clocks of peers and server may differ this much when an order's lifetime is checked. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final Ledger ledger;
  private final Registrar registrar;
  private final Presence presence;
  private final Clock clock;

  PayCommands(Ledger ledger, Registrar registrar, Presence presence, Clock clock) {
    this.ledger = ledger;
    this.registrar = registrar;
    this.presence = presence;
    this.clock = clock;
  }

  /** One request, already split into its command (upper case) and the rest of the line. */
  record Request(String command, String arguments) {}

  PayReply execute(Request request, Caller caller) {
    try {
      if (request.command().equals(PayProtocol.REGISTER)) {
        return register(request.arguments());
      }
      Optional<String> user = identify(caller);
      if (user.isEmpty()) {
        return PayReply.of(
            PayStatus.CERTIFICATE_REQUIRED,
            "connect with the certificate you registered, or REGISTER NAME CSR first");
      }
      String name = user.get();
      presence.seen(name, caller);
      String arguments = request.arguments();
      return switch (request.command()) {
        case PayProtocol.LOGIN -> login(name, arguments, caller);
        case PayProtocol.PING -> noArguments(arguments, PayReply.of(PayStatus.OK, "pong"));
        case PayProtocol.LIST -> list(arguments);
        case PayProtocol.BALANCE -> noArguments(arguments, balance(name));
        case PayProtocol.SETTLE -> settle(name, arguments);
        case PayProtocol.CANCEL -> cancel(name, arguments);
        case PayProtocol.HISTORY -> history(name, arguments);
        case PayProtocol.LOGOUT -> {
          presence.logout(name, caller);
          yield PayReply.of(PayStatus.BYE, name + " logged out");
        }
        default -> PayReply.of(PayStatus.SYNTAX, "unknown command " + request.command());
      };
    } catch (LedgerUnavailableException e) {
      log.warn("pay-server: {}", e.getMessage());
      return PayReply.of(PayStatus.UNAVAILABLE, "the ledger is unavailable: try again");
    }
  }

  /** The registered user behind the caller's certificate, checked once per connection. */
  private Optional<String> identify(Caller caller) {
    if (caller.user().isPresent()) {
      return caller.user();
    }
    Optional<X509Certificate> certificate = caller.certificate();
    if (certificate.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> name = PeerCertificates.commonName(certificate.get());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<Account> account = ledger.account(name.get());
    if (account.isEmpty()
        || !account.get().fingerprint().equals(PeerCertificates.fingerprint(certificate.get()))) {
      return Optional.empty();
    }
    caller.identified(name.get());
    return name;
  }

  private PayReply register(String arguments) {
    String[] words = arguments.split(" ", -1);
    if (words.length != 2) {
      return PayReply.of(PayStatus.SYNTAX, "usage: REGISTER NAME CSR_BASE64");
    }
    String name = words[0];
    if (!UserNames.valid(name)) {
      return PayReply.of(PayStatus.ARGUMENT, "a name is " + UserNames.RULE);
    }
    PublicKey key;
    try {
      key = CertificateRequests.publicKey(words[1], name);
    } catch (CertificateRequests.BadRequestException e) {
      return PayReply.of(PayStatus.ARGUMENT, e.getMessage());
    }
    if (ledger.account(name).isPresent()) {
      return PayReply.of(PayStatus.NAME_TAKEN, name + " is registered already");
    }
    try {
      byte[] certificate = registrar.register(name, key);
      log.info("pay-server: registered {}", name);
      return PayReply.of(PayStatus.REGISTERED, Base64.getEncoder().encodeToString(certificate));
    } catch (NameTakenException e) {
      return PayReply.of(PayStatus.NAME_TAKEN, name + " is registered already");
    }
  }

  private PayReply login(String name, String arguments, Caller caller) {
    int port;
    try {
      port = Integer.parseInt(arguments);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65_535 || !arguments.matches("[0-9]{1,5}")) {
      return PayReply.of(
          PayStatus.ARGUMENT, "usage: LOGIN PORT, the port your own server listens on");
    }
    presence.login(
        new Presence.Online(
            name,
            caller.host(),
            port,
            PeerCertificates.fingerprint(caller.certificate().orElseThrow()),
            caller));
    return PayReply.of(PayStatus.LOGGED_IN, name + " " + PayProtocol.HEARTBEAT.toSeconds());
  }

  private PayReply list(String arguments) {
    if (arguments.isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (Presence.Online user : presence.list()) {
        lines.add(directoryLine(user));
      }
      return new PayReply(PayStatus.ONLINE, String.valueOf(lines.size()), lines);
    }
    if (!UserNames.valid(arguments)) {
      return PayReply.of(PayStatus.ARGUMENT, "a name is " + UserNames.RULE);
    }
    Optional<Presence.Online> user = presence.find(arguments);
    if (user.isPresent()) {
      return new PayReply(PayStatus.ONLINE, "1", List.of(directoryLine(user.get())));
    }
    return ledger.account(arguments).isPresent()
        ? PayReply.of(PayStatus.OFFLINE, arguments + " is not online")
        : PayReply.of(PayStatus.UNKNOWN_USER, "no user is called " + arguments);
  }

  private static String directoryLine(Presence.Online user) {
    return user.name() + " " + user.host() + " " + user.port() + " " + user.fingerprint();
  }

  private PayReply balance(String name) {
    return PayReply.of(
        PayStatus.BALANCE, String.valueOf(ledger.account(name).orElseThrow().balance()));
  }

  private PayReply settle(String name, String arguments) {
    String[] words = arguments.split(" ", 3);
    if (words.length != 3) {
      return PayReply.of(PayStatus.SYNTAX, "usage: SETTLE PAYER_SIGNATURE PAYEE_SIGNATURE ORDER");
    }
    PaymentOrder order;
    try {
      order = PaymentOrder.parse(words[2]);
    } catch (PaymentOrder.SelfPaymentException e) {
      return PayReply.of(PayStatus.SELF_PAYMENT, e.getMessage());
    } catch (IllegalArgumentException e) {
      return PayReply.of(PayStatus.ARGUMENT, e.getMessage());
    }
    if (!order.payee().equals(name)) {
      return PayReply.of(
          PayStatus.FORBIDDEN,
          "only the payee submits an order; this one is " + order.payee() + "'s");
    }
    Instant now = clock.instant();
    if (order.expires().isAfter(now.plus(PayProtocol.MAX_ORDER_LIFETIME).plus(CLOCK_SKEW))) {
      return PayReply.of(
          PayStatus.ARGUMENT,
          "an order may be valid for "
              + PayProtocol.MAX_ORDER_LIFETIME.toMinutes()
              + " minutes at most");
    }
    Optional<Account> payer = ledger.account(order.payer());
    if (payer.isEmpty()) {
      return PayReply.of(PayStatus.UNKNOWN_USER, "no user is called " + order.payer());
    }
    Account payee = ledger.account(name).orElseThrow();
    Optional<PublicKey> payerKey = keyValidAt(payer.get(), now);
    Optional<PublicKey> payeeKey = keyValidAt(payee, now);
    if (payerKey.isEmpty() || payeeKey.isEmpty()) {
      String holder = payerKey.isEmpty() ? order.payer() : name;
      return PayReply.of(PayStatus.FORGED, holder + "'s certificate is not valid now");
    }
    if (!OrderSignatures.payerSigned(order, words[0], payerKey.get())) {
      return PayReply.of(
          PayStatus.FORGED, order.id() + " is not signed by its payer " + order.payer());
    }
    if (!OrderSignatures.payeeSigned(order, words[1], payeeKey.get())) {
      return PayReply.of(
          PayStatus.FORGED, order.id() + " is not countersigned by its payee " + name);
    }
    Decision decision = ledger.settle(new SignedOrder(order, words[0], words[1]), now);
    if (decision.outcome() == Decision.Outcome.SETTLED) {
      log.info(
          "pay-server: settled {}: {} paid {} {} minor units",
          order.id(),
          order.payer(),
          order.payee(),
          order.amount());
    }
    return reply(decision, order);
  }

  private PayReply cancel(String name, String arguments) {
    if (!arguments.matches("[A-Za-z0-9_-]{16,64}")) {
      return PayReply.of(PayStatus.ARGUMENT, "usage: CANCEL ORDER_ID");
    }
    Decision decision = ledger.cancel(arguments, name);
    return switch (decision.outcome()) {
      case CANCELLED -> PayReply.of(PayStatus.OK, arguments + " is cancelled: it can never settle");
      case INSUFFICIENT_FUNDS ->
          PayReply.of(
              PayStatus.OK, arguments + " was refused for want of funds: it can never settle");
      case ALREADY_SETTLED, SETTLED ->
          PayReply.of(PayStatus.ALREADY_SETTLED, arguments + " " + decision.transferId());
      case REPLAYED, EXPIRED ->
          PayReply.of(PayStatus.REPLAYED, arguments + " is another payer's order id");
    };
  }

  private static PayReply reply(Decision decision, PaymentOrder order) {
    String id = order.id();
    return switch (decision.outcome()) {
      case SETTLED -> PayReply.of(PayStatus.SETTLED, id + " " + decision.transferId());
      case ALREADY_SETTLED ->
          PayReply.of(PayStatus.ALREADY_SETTLED, id + " " + decision.transferId());
      case INSUFFICIENT_FUNDS ->
          PayReply.of(
              PayStatus.INSUFFICIENT_FUNDS,
              id + " " + order.payer() + " cannot pay " + order.amount() + " minor units");
      case EXPIRED ->
          PayReply.of(
              PayStatus.EXPIRED,
              id + " expired at " + DateTimeFormatter.ISO_INSTANT.format(order.expires()));
      case CANCELLED -> PayReply.of(PayStatus.CANCELLED, id + " was cancelled by its payer");
      case REPLAYED -> PayReply.of(PayStatus.REPLAYED, id + " is the id of another order");
    };
  }

  private PayReply history(String name, String arguments) {
    int limit = PayProtocol.DEFAULT_HISTORY;
    if (!arguments.isEmpty()) {
      if (!arguments.matches("[0-9]{1,4}")
          || Integer.parseInt(arguments) < 1
          || Integer.parseInt(arguments) > PayProtocol.MAX_HISTORY) {
        return PayReply.of(
            PayStatus.ARGUMENT, "usage: HISTORY [COUNT], 1 to " + PayProtocol.MAX_HISTORY);
      }
      limit = Integer.parseInt(arguments);
    }
    List<String> lines = new ArrayList<>();
    for (HistoryEntry entry : ledger.history(name, limit)) {
      lines.add(
          entry.transferId()
              + " "
              + DateTimeFormatter.ISO_INSTANT.format(entry.at())
              + " "
              + entry.orderId()
              + " "
              + entry.counterparty()
              + " "
              + entry.amount()
              + " "
              + entry.balanceAfter());
    }
    return new PayReply(PayStatus.HISTORY, String.valueOf(lines.size()), lines);
  }

  private static PayReply noArguments(String arguments, PayReply reply) {
    return arguments.isEmpty()
        ? reply
        : PayReply.of(PayStatus.SYNTAX, "this command takes no arguments");
  }

  /**
   * The key of the account's certificate, parsed once; empty when it is not valid at {@code now}.
   */
  private static Optional<PublicKey> keyValidAt(Account account, Instant now) {
    X509Certificate certificate = certificate(account);
    try {
      certificate.checkValidity(Date.from(now));
      return Optional.of(certificate.getPublicKey());
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }

  private static X509Certificate certificate(Account account) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(account.certificate()));
    } catch (CertificateException e) {
      throw new IllegalStateException(
          "the ledger holds a broken certificate for " + account.name(), e);
    }
  }
}
