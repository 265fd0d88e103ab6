package org.netlab.rpc.server.console;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gRPC services as the {@code .proto} files describe them, comments included: the descriptor
 * set that the proto jar carries ({@code netlab/services.protoset}), with every file it imports.
 * The generated classes' own descriptors have no comments, hence this second reading.
 */
final class ProtoDescriptorSet {
  /** Where the proto jar keeps the set (protoc's {@code --include_source_info}). */
  static final String RESOURCE = "netlab/services.protoset";

  private final Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
  private final Map<String, FileDescriptor> built = new LinkedHashMap<>();

  private ProtoDescriptorSet(FileDescriptorSet set) {
    set.getFileList().forEach(file -> protos.put(file.getName(), file));
    protos.keySet().forEach(this::build);
  }

  /**
   * Reads the set from the class path.
   *
   * @throws IllegalStateException when it is missing or does not hold a consistent set: the jar is
   *     broken, not the request
   */
  static ProtoDescriptorSet load() {
    try (InputStream in = ProtoDescriptorSet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path (the proto jar)");
      }
      return new ProtoDescriptorSet(FileDescriptorSet.parseFrom(in));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Every service of every file, in the order of the set. */
  List<ServiceDescriptor> services() {
    List<ServiceDescriptor> services = new ArrayList<>();
    built.values().forEach(file -> services.addAll(file.getServices()));
    return services;
  }

  private FileDescriptor build(String name) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      throw new IllegalStateException(RESOURCE + " lacks " + name + ", which another file imports");
    }
    FileDescriptor[] dependencies =
        proto.getDependencyList().stream().map(this::build).toArray(FileDescriptor[]::new);
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
