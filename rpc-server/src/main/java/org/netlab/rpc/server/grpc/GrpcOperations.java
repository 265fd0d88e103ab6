package org.netlab.rpc.server.grpc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.netlab.access.Operation;
import org.netlab.proto.admin.v1.TokenServiceGrpc;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;

/**
 * What each gRPC method does, for the access policy. A method missing here is refused to everyone:
 * a new method cannot be served before someone says who may call it.
 */
final class GrpcOperations {
  private static final Map<String, Operation> OPERATIONS = new HashMap<>();

  static {
    for (var method : CalculatorServiceGrpc.getServiceDescriptor().getMethods()) {
      OPERATIONS.put(method.getFullMethodName(), Operation.CALCULATE);
    }
    put(PhonebookServiceGrpc.getFindNumberMethod().getFullMethodName(), Operation.READ_PHONEBOOK);
    put(PhonebookServiceGrpc.getCountEntriesMethod().getFullMethodName(), Operation.READ_PHONEBOOK);
    put(PhonebookServiceGrpc.getListEntriesMethod().getFullMethodName(), Operation.READ_PHONEBOOK);
    put(PhonebookServiceGrpc.getAddEntryMethod().getFullMethodName(), Operation.WRITE_PHONEBOOK);
    put(PhonebookServiceGrpc.getUpdateEntryMethod().getFullMethodName(), Operation.WRITE_PHONEBOOK);
    put(PhonebookServiceGrpc.getRemoveEntryMethod().getFullMethodName(), Operation.WRITE_PHONEBOOK);
    put(PhonebookServiceGrpc.getRemoveAllMethod().getFullMethodName(), Operation.CLEAR_PHONEBOOK);
    for (var method : TokenServiceGrpc.getServiceDescriptor().getMethods()) {
      OPERATIONS.put(method.getFullMethodName(), Operation.MANAGE_TOKENS);
    }
    // Reflection lists the services and their messages: like system.listMethods.
    put("grpc.reflection.v1.ServerReflection/ServerReflectionInfo", Operation.DESCRIBE);
    put("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", Operation.DESCRIBE);
  }

  private GrpcOperations() {}

  private static void put(String fullMethodName, Operation operation) {
    OPERATIONS.put(fullMethodName, operation);
  }

  static Optional<Operation> of(String fullMethodName) {
    return Optional.ofNullable(OPERATIONS.get(fullMethodName));
  }
}
