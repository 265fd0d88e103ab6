package org.netlab.labs.vault.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Index pages as nginx and Python write them, and links that are not entries. */
class IndexPageTest {
  private static final VaultUrl DIR = VaultUrl.parse("http://127.0.0.1:8080/pub/");

  @Test
  void nginxAutoindexGivesNamesAndSizes() {
    String page =
        """
        <html>
        <head><title>Index of /pub/</title></head>
        <body>
        <h1>Index of /pub/</h1><hr><pre><a href="../">../</a>
        <a href="docs/">docs/</a>                                              01-Dec-2026 20:48                   -
        <a href="a%20b.txt">a b.txt</a>                                            01-Dec-2026 20:48                   7
        <a href="a-very-long-name-that-nginx-cuts-in-the-link-text-file.bin">a-very-long-name-that-nginx-cuts-in-the-link-..&gt;</a> 01-Dec-2026 20:48             3145728
        </pre><hr></body>
        </html>
        """;
    assertEquals(
        List.of(
            new IndexPage.Entry("docs/", OptionalLong.empty()),
            new IndexPage.Entry("a b.txt", OptionalLong.of(7)),
            new IndexPage.Entry(
                "a-very-long-name-that-nginx-cuts-in-the-link-text-file.bin",
                OptionalLong.of(3145728))),
        IndexPage.entries(DIR, page));
  }

  @Test
  void pythonHttpServerGivesNamesOnly() {
    String page =
        """
        <ul>
        <li><a href="data.bin">data.bin</a></li>
        <li><a href="sub/">sub/</a></li>
        </ul>
        """;
    assertEquals(
        List.of(
            new IndexPage.Entry("data.bin", OptionalLong.empty()),
            new IndexPage.Entry("sub/", OptionalLong.empty())),
        IndexPage.entries(DIR, page));
  }

  @Test
  void linksOutsideTheDirectoryAndSortLinksAreNotEntries() {
    String page =
        """
        <a href="?C=N;O=D">Name</a> <a href="/">home</a> <a href="./">here</a>
        <a href="http://other.example/pub/x.txt">x</a> <a href="#top">top</a>
        <a href="deep/er/file.txt">deep</a> <a href='/pub/abs.txt'>abs</a>
        <a href="/pub/abs.txt">again</a> <A HREF=bare.txt>bare</A>
        """;
    assertEquals(
        List.of("abs.txt", "bare.txt"),
        IndexPage.entries(DIR, page).stream().map(IndexPage.Entry::name).toList());
  }
}
