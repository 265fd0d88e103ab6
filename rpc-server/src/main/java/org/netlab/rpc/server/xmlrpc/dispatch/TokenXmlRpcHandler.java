package org.netlab.rpc.server.xmlrpc.dispatch;

import static org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod.Parameter.optional;
import static org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod.Parameter.required;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netlab.access.Operation;
import org.netlab.access.Role;
import org.netlab.access.TokenAdministration;
import org.netlab.access.TokenRecord;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcFaults;

/**
 * Token management over XML-RPC, for admins: {@code token.create}, {@code token.list} and {@code
 * token.revoke}. Tokens are structs {@code {name, role, created, expires}} with ISO-8601 times
 * (XML-RPC's own dateTime has no time zone); {@code token.create} adds the token itself.
 */
final class TokenXmlRpcHandler {
  private final TokenAdministration tokens;

  TokenXmlRpcHandler(TokenAdministration tokens) {
    this.tokens = tokens;
  }

  List<XmlRpcMethod> methods() {
    return List.of(
        new XmlRpcMethod(
            Operation.MANAGE_TOKENS,
            "token.create",
            "struct",
            List.of(
                required("name", "string"),
                required("role", "string"),
                optional("lifetimeSeconds", "int")),
            "Creates a token for name with role (reader, writer or admin), working for"
                + " lifetimeSeconds (until revoked without it); answers it with its token, shown"
                + " this once. Fault 409 if the name has a token.",
            args -> {
              TokenAdministration.IssuedToken issued =
                  tokens.create(args.string(0), role(args.string(1)), lifetime(args));
              Map<String, Object> created = struct(issued.record());
              created.put("token", issued.token());
              return created;
            }),
        new XmlRpcMethod(
            Operation.MANAGE_TOKENS,
            "token.list",
            "array",
            List.of(),
            "Lists the tokens by name, as structs {name, role, created[, expires]}.",
            args -> tokens.list().stream().map(TokenXmlRpcHandler::struct).toArray()),
        new XmlRpcMethod(
            Operation.MANAGE_TOKENS,
            "token.revoke",
            "boolean",
            List.of(required("name", "string")),
            "Deletes the token of name and answers true; fault 404 if there is none.",
            args -> {
              tokens.revoke(args.string(0));
              return true;
            }));
  }

  private static Duration lifetime(XmlRpcArguments args) throws XmlRpcFaults.FaultException {
    if (!args.has(2)) {
      return null;
    }
    int seconds = args.integer(2);
    if (seconds <= 0) {
      throw XmlRpcFaults.invalidParams("lifetimeSeconds must be positive");
    }
    return Duration.ofSeconds(seconds);
  }

  private static Role role(String label) {
    try {
      return Role.parse(label);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalidArgument(e.getMessage());
    }
  }

  private static Map<String, Object> struct(TokenRecord token) {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("name", token.name());
    struct.put("role", token.role().label());
    struct.put("created", token.created().toString());
    if (token.expires() != null) {
      struct.put("expires", token.expires().toString());
    }
    return struct;
  }
}
