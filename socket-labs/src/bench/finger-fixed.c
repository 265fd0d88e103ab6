/*
 * The ceiling of a finger server on this machine: answers every connection with the same
 * bytes, read once from a file, after reading the query line. One thread, blocking accept.
 *   usage: finger-fixed PORT ANSWER_FILE      (listens on 127.0.0.1)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  static char answer[65536], query[1024];
  if (argc != 3) { fprintf(stderr, "usage: %s PORT ANSWER_FILE\n", argv[0]); return 2; }
  FILE *file = fopen(argv[2], "rb");
  if (!file) { perror(argv[2]); return 1; }
  size_t length = fread(answer, 1, sizeof answer, file);
  fclose(file);
  int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener, (struct sockaddr *)&address, sizeof address) || listen(listener, 1024)) {
    perror("listen"); return 1;
  }
  for (;;) {
    int client = accept(listener, NULL, NULL);
    if (client < 0) continue;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    size_t got = 0; ssize_t n = 0;  /* up to the query's LF, as a finger server must */
    while (got < sizeof query && (n = read(client, query + got, sizeof query - got)) > 0) {
      got += n;
      if (memchr(query, '\n', got)) break;
    }
    if (n > 0) write(client, answer, length);
    close(client);
  }
}
