package org.netlab.rpc.server.xmlrpc.dispatch;

import static org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod.Parameter.optional;
import static org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod.Parameter.required;

import java.util.List;
import java.util.Map;
import org.netlab.access.Operation;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;

/**
 * The phonebook's XML-RPC methods onto one shared {@link Phonebook}: {@code phonebook.*}, which
 * answer entries as structs {@code {name, number}}, and the lab's names ({@code ajouterEntree},
 * {@code trouverNumero}, {@code nbNumeros}, {@code supprimerEntree}, {@code supprimerTout}), which
 * answer plain values as the lab's server did.
 */
final class PhonebookXmlRpcHandler {
  private final Phonebook phonebook;

  PhonebookXmlRpcHandler(Phonebook phonebook) {
    this.phonebook = phonebook;
  }

  List<XmlRpcMethod> methods() {
    List<XmlRpcMethod.Parameter> nameAndNumber =
        List.of(required("name", "string"), required("number", "string"));
    List<XmlRpcMethod.Parameter> name = List.of(required("name", "string"));
    XmlRpcMethod add =
        new XmlRpcMethod(
            Operation.WRITE_PHONEBOOK,
            "phonebook.addEntry",
            "struct",
            nameAndNumber,
            "Adds an entry and answers it as stored; fault 409 if the name is taken.",
            args -> struct(phonebook.add(args.string(0), args.string(1))));
    XmlRpcMethod update =
        new XmlRpcMethod(
            Operation.WRITE_PHONEBOOK,
            "phonebook.updateEntry",
            "struct",
            nameAndNumber,
            "Replaces the number of an entry and answers it; fault 404 if there is none.",
            args -> struct(phonebook.update(args.string(0), args.string(1))));
    XmlRpcMethod findEntry =
        new XmlRpcMethod(
            Operation.READ_PHONEBOOK,
            "phonebook.findEntry",
            "struct",
            name,
            "Answers the entry with this name, ignoring case; fault 404 if there is none.",
            args -> struct(phonebook.find(args.string(0))));
    XmlRpcMethod findNumber =
        new XmlRpcMethod(
            Operation.READ_PHONEBOOK,
            "phonebook.findNumber",
            "string",
            name,
            "Answers the number of the entry with this name, ignoring case; fault 404 if none.",
            args -> phonebook.find(args.string(0)).number());
    XmlRpcMethod count =
        new XmlRpcMethod(
            Operation.READ_PHONEBOOK,
            "phonebook.countEntries",
            "int",
            List.of(),
            "Answers how many entries there are.",
            args -> Math.toIntExact(phonebook.count()));
    XmlRpcMethod remove =
        new XmlRpcMethod(
            Operation.WRITE_PHONEBOOK,
            "phonebook.removeEntry",
            "boolean",
            name,
            "Removes the entry with this name and answers true; fault 404 if there is none.",
            args -> {
              phonebook.remove(args.string(0));
              return true;
            });
    XmlRpcMethod removeAll =
        new XmlRpcMethod(
            Operation.CLEAR_PHONEBOOK,
            "phonebook.removeAll",
            "int",
            List.of(),
            "Removes every entry and answers how many there were.",
            args -> Math.toIntExact(phonebook.removeAll()));
    XmlRpcMethod list =
        new XmlRpcMethod(
            Operation.READ_PHONEBOOK,
            "phonebook.listEntries",
            "array",
            List.of(optional("prefix", "string")),
            "Answers the entries whose name starts with prefix ignoring case (all without one),"
                + " sorted by name.",
            args ->
                phonebook.list(args.has(0) ? args.string(0) : "").stream()
                    .map(PhonebookXmlRpcHandler::struct)
                    .toArray());
    return List.of(
        add,
        update,
        findEntry,
        findNumber,
        count,
        remove,
        removeAll,
        list,
        add.alias(
            "ajouterEntree",
            "boolean",
            args -> {
              phonebook.add(args.string(0), args.string(1));
              return true;
            }),
        findNumber.alias("trouverNumero"),
        count.alias("nbNumeros"),
        remove.alias("supprimerEntree"),
        removeAll.alias(
            "supprimerTout",
            "boolean",
            args -> {
              phonebook.removeAll();
              return true;
            }));
  }

  private static Map<String, String> struct(Entry entry) {
    return Map.of("name", entry.name(), "number", entry.number());
  }
}
