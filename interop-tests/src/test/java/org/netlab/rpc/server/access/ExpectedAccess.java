package org.netlab.rpc.server.access;

import static java.util.Map.entry;
import static org.netlab.rpc.server.access.ExpectedAccess.Needs.ADMIN;
import static org.netlab.rpc.server.access.ExpectedAccess.Needs.NOTHING;
import static org.netlab.rpc.server.access.ExpectedAccess.Needs.READER;
import static org.netlab.rpc.server.access.ExpectedAccess.Needs.WRITER;

import io.grpc.Status;
import java.util.Map;
import org.netlab.access.Role;

/**
 * Who may call each method the server serves, written out by hand from the policy (anyone may
 * calculate and list the methods; a reader also reads the phonebook and the metrics; a writer also
 * changes one entry; an admin also empties it and manages tokens), apart from the server's own
 * tables ({@code AccessPolicy}, {@code GrpcOperations}, the XML-RPC method table). The tests hold
 * the server to this, so a method added without a line here fails them rather than slipping through
 * unpoliced.
 */
final class ExpectedAccess {
  /** The least a caller needs to call a method. */
  enum Needs {
    /** Nothing: anyone may call, without an identity. */
    NOTHING,
    READER,
    WRITER,
    ADMIN;

    /** Whether a caller with {@code role} (null: no identity) may call. */
    boolean admits(Role role) {
      return this == NOTHING || (role != null && role.includes(Role.valueOf(name())));
    }
  }

  private static final String CALCULATOR = "netlab.calculator.v1.CalculatorService/";
  private static final String PHONEBOOK = "netlab.phonebook.v1.PhonebookService/";
  private static final String TOKENS = "netlab.admin.v1.TokenService/";

  /** Every gRPC method by its full name. */
  static final Map<String, Needs> GRPC =
      Map.ofEntries(
          entry(CALCULATOR + "Add", NOTHING),
          entry(CALCULATOR + "Subtract", NOTHING),
          entry(CALCULATOR + "Multiply", NOTHING),
          entry(CALCULATOR + "Divide", NOTHING),
          entry(CALCULATOR + "Abs", NOTHING),
          entry(PHONEBOOK + "FindNumber", READER),
          entry(PHONEBOOK + "CountEntries", READER),
          entry(PHONEBOOK + "ListEntries", READER),
          entry(PHONEBOOK + "AddEntry", WRITER),
          entry(PHONEBOOK + "UpdateEntry", WRITER),
          entry(PHONEBOOK + "RemoveEntry", WRITER),
          entry(PHONEBOOK + "RemoveAll", ADMIN),
          entry(TOKENS + "CreateToken", ADMIN),
          entry(TOKENS + "ListTokens", ADMIN),
          entry(TOKENS + "RevokeToken", ADMIN),
          entry("grpc.reflection.v1.ServerReflection/ServerReflectionInfo", NOTHING),
          entry("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", NOTHING),
          // Health is open to everyone: load balancers probe it without credentials.
          entry("grpc.health.v1.Health/Check", NOTHING),
          entry("grpc.health.v1.Health/Watch", NOTHING));

  /** Every XML-RPC method by name, the lab's names included. */
  static final Map<String, Needs> XML_RPC =
      Map.ofEntries(
          entry("calculator.add", NOTHING),
          entry("calculator.subtract", NOTHING),
          entry("calculator.multiply", NOTHING),
          entry("calculator.divide", NOTHING),
          entry("calculator.abs", NOTHING),
          entry("add", NOTHING),
          entry("mult", NOTHING),
          entry("diff", NOTHING),
          entry("quotient", NOTHING),
          entry("absolue", NOTHING),
          entry("system.listMethods", NOTHING),
          entry("system.methodSignature", NOTHING),
          entry("system.methodHelp", NOTHING),
          // Each call inside is checked for itself.
          entry("system.multicall", NOTHING),
          entry("phonebook.findEntry", READER),
          entry("phonebook.findNumber", READER),
          entry("phonebook.countEntries", READER),
          entry("phonebook.listEntries", READER),
          entry("trouverNumero", READER),
          entry("nbNumeros", READER),
          entry("phonebook.addEntry", WRITER),
          entry("phonebook.updateEntry", WRITER),
          entry("phonebook.removeEntry", WRITER),
          entry("ajouterEntree", WRITER),
          entry("supprimerEntree", WRITER),
          entry("phonebook.removeAll", ADMIN),
          entry("supprimerTout", ADMIN),
          entry("token.create", ADMIN),
          entry("token.list", ADMIN),
          entry("token.revoke", ADMIN));

  /** Every other route of the HTTPS port, by method and path. */
  static final Map<String, Needs> HTTP = Map.ofEntries(entry("GET /metrics", READER));

  private ExpectedAccess() {}

  /** The status of a gRPC call refused to a caller with {@code role} (null: no identity). */
  static Status.Code grpcRefusal(Role role) {
    return role == null ? Status.Code.UNAUTHENTICATED : Status.Code.PERMISSION_DENIED;
  }

  /** The fault code of an XML-RPC call refused to a caller with {@code role}. */
  static int faultRefusal(Role role) {
    return role == null ? 401 : 403;
  }

  /** The HTTP status of a request refused to a caller with {@code role}. */
  static int httpRefusal(Role role) {
    return role == null ? 401 : 403;
  }
}
