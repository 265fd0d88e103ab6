package org.netlab.rpc.client.grpc;

import org.netlab.domain.phonebook.Entry;
import org.netlab.proto.phonebook.v1.AddEntryRequest;
import org.netlab.proto.phonebook.v1.FindNumberRequest;
import org.netlab.proto.phonebook.v1.ListEntriesRequest;
import org.netlab.proto.phonebook.v1.RemoveEntryRequest;
import org.netlab.proto.phonebook.v1.UpdateEntryRequest;

/**
 * The phonebook's requests as messages, shared by the blocking and the asynchronous client. Text
 * that protobuf could not carry (unpaired surrogates) is refused here, before anything is sent.
 */
final class PhonebookMessages {
  private PhonebookMessages() {}

  static AddEntryRequest add(String name, String number) {
    return AddEntryRequest.newBuilder().setName(name(name)).setNumber(number(number)).build();
  }

  static UpdateEntryRequest update(String name, String number) {
    return UpdateEntryRequest.newBuilder().setName(name(name)).setNumber(number(number)).build();
  }

  static FindNumberRequest find(String name) {
    return FindNumberRequest.newBuilder().setName(name(name)).build();
  }

  static RemoveEntryRequest remove(String name) {
    return RemoveEntryRequest.newBuilder().setName(name(name)).build();
  }

  static ListEntriesRequest list(String namePrefix) {
    return ListEntriesRequest.newBuilder()
        .setNamePrefix(namePrefix == null ? "" : WellFormedText.require("prefix", namePrefix))
        .build();
  }

  static Entry entry(org.netlab.proto.phonebook.v1.Entry message) {
    return new Entry(message.getName(), message.getNumber());
  }

  private static String name(String name) {
    return WellFormedText.require("name", name);
  }

  private static String number(String number) {
    return WellFormedText.require("number", number);
  }
}
