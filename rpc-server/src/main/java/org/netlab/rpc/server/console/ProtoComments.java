package org.netlab.rpc.server.console;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The comments written in a {@code .proto} file, found in its {@code SourceCodeInfo}: each location
 * there is named by a path of field numbers and indexes into {@code FileDescriptorProto} (a
 * service's is {@code [6, i]}, its method's {@code [6, i, 2, j]}), so a descriptor's comment is the
 * location at its path.
 */
final class ProtoComments {
  // Field numbers of descriptor.proto that appear in paths.
  private static final int FILE_MESSAGE_TYPE = 4;
  private static final int FILE_ENUM_TYPE = 5;
  private static final int FILE_SERVICE = 6;
  private static final int FILE_SYNTAX = 12;
  private static final int MESSAGE_FIELD = 2;
  private static final int MESSAGE_NESTED_TYPE = 3;
  private static final int MESSAGE_ENUM_TYPE = 4;
  private static final int ENUM_VALUE = 2;
  private static final int SERVICE_METHOD = 2;

  private ProtoComments() {}

  /** The comment written above (or else after) {@code descriptor}; empty when there is none. */
  static String of(GenericDescriptor descriptor) {
    List<Integer> path = path(descriptor);
    FileDescriptorProto file = descriptor.getFile().toProto();
    for (Location location : file.getSourceCodeInfo().getLocationList()) {
      if (location.getPathList().equals(path)) {
        return tidy(
            location.hasLeadingComments()
                ? location.getLeadingComments()
                : location.getTrailingComments());
      }
    }
    return "";
  }

  /**
   * The comment at the head of a file, written above its {@code syntax} line: what the file's
   * services are about and the errors they share.
   */
  static String ofFile(FileDescriptor file) {
    for (Location location : file.toProto().getSourceCodeInfo().getLocationList()) {
      if (location.getPathList().equals(List.of(FILE_SYNTAX))) {
        List<String> parts = new ArrayList<>(location.getLeadingDetachedCommentsList());
        parts.add(location.getLeadingComments());
        return parts.stream()
            .map(ProtoComments::tidy)
            .filter(part -> !part.isEmpty())
            .collect(Collectors.joining("\n\n"));
      }
    }
    return "";
  }

  private static List<Integer> path(GenericDescriptor descriptor) {
    List<Integer> path = new ArrayList<>();
    switch (descriptor) {
      case ServiceDescriptor service -> path.addAll(List.of(FILE_SERVICE, service.getIndex()));
      case MethodDescriptor method -> {
        path.addAll(path(method.getService()));
        path.addAll(List.of(SERVICE_METHOD, method.getIndex()));
      }
      case Descriptor message -> {
        if (message.getContainingType() == null) {
          path.addAll(List.of(FILE_MESSAGE_TYPE, message.getIndex()));
        } else {
          path.addAll(path(message.getContainingType()));
          path.addAll(List.of(MESSAGE_NESTED_TYPE, message.getIndex()));
        }
      }
      case FieldDescriptor field -> {
        path.addAll(path(field.getContainingType()));
        path.addAll(List.of(MESSAGE_FIELD, field.getIndex()));
      }
      case EnumDescriptor type -> {
        if (type.getContainingType() == null) {
          path.addAll(List.of(FILE_ENUM_TYPE, type.getIndex()));
        } else {
          path.addAll(path(type.getContainingType()));
          path.addAll(List.of(MESSAGE_ENUM_TYPE, type.getIndex()));
        }
      }
      case EnumValueDescriptor value -> {
        path.addAll(path(value.getType()));
        path.addAll(List.of(ENUM_VALUE, value.getIndex()));
      }
      default -> throw new IllegalArgumentException("no comments for " + descriptor.getFullName());
    }
    return path;
  }

  /** The text of a comment: protoc keeps the space after {@code //} on every line. */
  private static String tidy(String comment) {
    return comment
        .lines()
        .map(line -> line.startsWith(" ") ? line.substring(1) : line)
        .collect(Collectors.joining("\n"))
        .strip();
  }
}
