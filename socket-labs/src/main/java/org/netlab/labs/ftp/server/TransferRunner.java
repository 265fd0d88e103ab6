package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.CLOSING_DATA_CONNECTION;
import static org.netlab.labs.ftp.FtpReply.FILE_STATUS_OK;
import static org.netlab.labs.ftp.FtpReply.TRANSFER_ABORTED;

import java.io.IOException;
import java.net.InetAddress;
import org.netlab.labs.ftp.DataConnection;
import org.netlab.labs.ftp.StallGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the transfers of one session, one at a time, each on its own thread so the session can still
 * read ABOR: sends 150, opens the data connection ({@link DataChannelSetup}), moves the bytes under
 * a {@link StallGuard}, commits an upload, then sends the final reply and logs one line.
 */
final class TransferRunner {
  private static final Logger log = LoggerFactory.getLogger(FtpServer.class);

  /** A transfer running on its own thread. */
  private static final class Running {
    volatile Thread thread;
    volatile DataConnection connection;
    volatile boolean aborted;
    volatile int result;
  }

  private final FtpServerConfig config;
  private final DataChannelSetup data;
  private final ControlReplies replies;
  private final InetAddress client;
  private Running current;
  private int count;

  TransferRunner(
      FtpServerConfig config, DataChannelSetup data, ControlReplies replies, InetAddress client) {
    this.config = config;
    this.data = data;
    this.replies = replies;
    this.client = client;
  }

  /**
   * Starts a transfer; the caller has checked that a data connection is set up. The upload, if any,
   * is committed on success and dropped otherwise.
   */
  void start(Transfer transfer) {
    await();
    count++;
    Running running = new Running();
    // A platform thread: one blocked in sendfile (FileChannel.transferTo) is woken when the
    // channel is closed, a virtual thread is not, so ABOR and the stall guard could not stop it.
    running.thread =
        Thread.ofPlatform().daemon().name("ftp-transfer").unstarted(() -> run(running, transfer));
    current = running;
    running.thread.start();
  }

  boolean isRunning() {
    return current != null && current.thread.isAlive();
  }

  int count() {
    return count;
  }

  /**
   * Cuts the running transfer and waits for it.
   *
   * @return its final reply code (226 if it completed anyway), or 0 when none ran
   */
  int abort() {
    Running running = current;
    if (running == null) {
      return 0;
    }
    running.aborted = true;
    DataConnection connection = running.connection;
    if (connection != null) {
      connection.abort();
    } else {
      // Still waiting for the client to connect.
      data.close();
    }
    await();
    return running.result;
  }

  /** Waits for the running transfer, if any, to send its final reply. */
  void await() {
    Running running = current;
    if (running == null) {
      return;
    }
    try {
      running.thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    current = null;
  }

  private void run(Running self, Transfer transfer) {
    String virtual = transfer.path();
    Transfer.Body body = transfer.body();
    AtomicUpload upload = transfer.upload();
    long started = System.nanoTime();
    long[] moved = {0};
    int code;
    String message;
    try {
      replies.send(FILE_STATUS_OK, "Opening " + transfer.opening());
      DataConnection connection = data.open(transfer.controlTls());
      self.connection = connection;
      if (self.aborted) {
        connection.abort();
      }
      try (StallGuard guard = StallGuard.watch(config.dataTimeout(), connection::abort)) {
        long bytes;
        try {
          bytes =
              body.run(
                  connection,
                  n -> {
                    moved[0] += n;
                    guard.progress(n);
                  });
          if (self.aborted || guard.stalled()) {
            // Cut short, even if the cut looked like a clean end of file.
            throw new IOException("transfer cut short");
          }
          connection.close();
        } catch (IOException e) {
          connection.abort();
          throw transferError(self, guard, virtual, e);
        }
        if (upload != null) {
          try {
            upload.commit();
          } catch (IOException e) {
            throw FileErrors.of(virtual, e, true);
          }
        }
        code = CLOSING_DATA_CONNECTION;
        message = "Transfer complete, " + bytes + " bytes";
      }
    } catch (FtpCommandException e) {
      code = e.code();
      message = e.getMessage();
    } catch (IOException e) {
      // The control connection failed while replying; the session ends by itself.
      code = TRANSFER_ABORTED;
      message = "control connection lost";
    } finally {
      closeQuietly(upload);
    }
    log.info(
        "transfer client={} user={} command={} file=\"{}\" bytes={} duration={}ms result={}",
        client.getHostAddress(),
        transfer.user(),
        transfer.verb(),
        virtual,
        moved[0],
        (System.nanoTime() - started) / 1_000_000,
        code);
    try {
      self.result = code;
      replies.send(code, message);
    } catch (IOException e) {
      log.debug("cannot send transfer result: {}", e.toString());
    }
  }

  /** Tells apart a failed disk (452, 553...) from a failed or aborted data connection (426). */
  private FtpCommandException transferError(
      Running self, StallGuard guard, String virtual, IOException e) {
    if (self.aborted) {
      return new FtpCommandException(TRANSFER_ABORTED, "Transfer aborted");
    }
    if (guard.stalled()) {
      return new FtpCommandException(
          TRANSFER_ABORTED,
          "Data connection stalled for "
              + config.dataTimeout().toMillis()
              + " ms, transfer aborted");
    }
    FtpCommandException disk = FileErrors.diskFull(virtual, e);
    if (disk != null) {
      return disk;
    }
    return new FtpCommandException(TRANSFER_ABORTED, "Data connection failed: " + e.getMessage());
  }

  private static void closeQuietly(AtomicUpload upload) {
    if (upload == null) {
      return;
    }
    try {
      upload.close();
    } catch (IOException e) {
      log.debug("dropping an upload: {}", e.toString());
    }
  }
}
