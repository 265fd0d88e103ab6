package org.netlab.rpc.server.connect;

import io.grpc.Status;
import io.grpc.StatusException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Connect's streaming bodies: each message in an envelope of one flags byte and a four-byte
 * big-endian length. The last envelope of an answer has the end-of-stream flag and carries the
 * call's status and trailers as JSON.
 */
final class Envelopes {
  static final int COMPRESSED = 0x01;
  static final int END_OF_STREAM = 0x02;

  private static final int HEADER_BYTES = 5;

  private Envelopes() {}

  /**
   * The message of a request body that must hold exactly one uncompressed envelope, as a
   * server-streaming call's does; a view of {@code body}.
   *
   * @throws StatusException INVALID_ARGUMENT when the body is not one whole envelope
   */
  static ByteBuf onlyMessage(ByteBuf body) throws StatusException {
    if (body.readableBytes() < HEADER_BYTES) {
      throw invalid("the request body is not an enveloped message (shorter than 5 bytes)");
    }
    int flags = body.getUnsignedByte(body.readerIndex());
    long length = body.getUnsignedInt(body.readerIndex() + 1);
    if ((flags & COMPRESSED) != 0) {
      throw Status.UNIMPLEMENTED
          .withDescription("compressed messages are not accepted; send them uncompressed")
          .asException();
    }
    if (flags != 0) {
      throw invalid("the request's envelope has unknown flags " + flags);
    }
    if (length != body.readableBytes() - HEADER_BYTES) {
      throw invalid(
          "a server-streaming call takes exactly one message: the envelope says "
              + length
              + " bytes, the body holds "
              + (body.readableBytes() - HEADER_BYTES));
    }
    return body.slice(body.readerIndex() + HEADER_BYTES, (int) length);
  }

  /** {@code payload} in an envelope with {@code flags}. */
  static ByteBuf envelope(ByteBufAllocator alloc, int flags, byte[] payload) {
    ByteBuf framed = alloc.buffer(HEADER_BYTES + payload.length);
    framed.writeByte(flags).writeInt(payload.length).writeBytes(payload);
    return framed;
  }

  private static StatusException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asException();
  }
}
