package org.netlab.labs.ftp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.TestFiles;

/** Our client against Apache FtpServer, an independent server embedded on port 0. */
@Timeout(30)
class FtpClientAgainstApacheFtpServerTest {
  @TempDir Path dir;
  private FtpServer server;
  private int port;
  private Path home;

  @BeforeEach
  void start() throws IOException, FtpException {
    home = Files.createDirectories(dir.resolve("home"));
    Files.createDirectories(home.resolve("docs"));
    Files.writeString(home.resolve("docs/readme.txt"), "from apache\n");

    PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
    users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
    users.setFile(Files.createFile(dir.resolve("users.properties")).toFile());
    UserManager manager = users.createUserManager();
    manager.save(user("anonymous", "", List.of()));
    manager.save(user("alice", "wonderland", List.of(new WritePermission())));

    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    listener.setPort(0);
    FtpServerFactory factory = new FtpServerFactory();
    factory.addListener("default", listener.createListener());
    factory.setUserManager(manager);
    server = factory.createServer();
    server.start();
    port = ((DefaultFtpServer) server).getListener("default").getPort();
  }

  private BaseUser user(String name, String password, List<Authority> authorities) {
    BaseUser user = new BaseUser();
    user.setName(name);
    user.setPassword(password);
    user.setHomeDirectory(home.toString());
    user.setAuthorities(authorities);
    return user;
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void anonymousListsChangesDirectoryAndDownloads() throws IOException {
    try (FtpClient client = FtpClient.connect("127.0.0.1", port, Duration.ofSeconds(10))) {
      client.login("anonymous", "me@".toCharArray());
      assertTrue(
          client.list("").stream().anyMatch(l -> l.endsWith(" docs")), client.list("").toString());
      client.cd("docs");
      assertEquals("/docs", client.pwd());
      assertEquals(List.of("readme.txt"), client.names(""));
      Path local = dir.resolve("readme.txt");
      try (FileChannel file =
          FileChannel.open(local, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        client.retrieve("readme.txt", file, 0, n -> {});
      }
      assertEquals("from apache\n", Files.readString(local));
    }
  }

  @Test
  void namedUserUploadsAndTheBytesArrive() throws IOException {
    Path source = TestFiles.random(dir.resolve("up.bin"), 3 << 20, 9);
    try (FtpClient client = FtpClient.connect("127.0.0.1", port, Duration.ofSeconds(10))) {
      client.login("alice", "wonderland".toCharArray());
      try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
        assertEquals(3 << 20, client.store("docs/up.bin", file, n -> {}));
      }
      assertEquals(3 << 20, client.size("docs/up.bin"));
    }
    assertEquals(TestFiles.sha256(source), TestFiles.sha256(home.resolve("docs/up.bin")));
  }

  @Test
  void refusalsComeBackAsReplyExceptionsWithTheCode() throws IOException {
    try (FtpClient client = FtpClient.connect("127.0.0.1", port, Duration.ofSeconds(10))) {
      FtpReplyException badLogin =
          assertThrows(FtpReplyException.class, () -> client.login("alice", "nope".toCharArray()));
      assertEquals(530, badLogin.code());
      client.login("anonymous", "x".toCharArray());
      FtpReplyException missing = assertThrows(FtpReplyException.class, () -> client.cd("nowhere"));
      assertEquals(550, missing.code());
      assertTrue(missing.getMessage().startsWith("550 nowhere: "), missing.getMessage());
      FtpReplyException readOnly = assertThrows(FtpReplyException.class, () -> client.mkdir("x"));
      assertEquals(550, readOnly.code());
    }
  }
}
