/*
 * Load for a finger server that checks every answer: CLIENTS threads, each sending QUERY
 * on a new TCP connection (one query per connection, as RFC 1288 has it), reading to end of
 * stream and comparing what came with the bytes of EXPECTED_FILE, for SECONDS. Prints one
 * line: queries/s (right answers only), p50 and p99 latency (connect to end of stream),
 * right answers, wrong answers, errors, and the cores this program used meanwhile. Exits 1 unless every answer was right and there
 * was at least one; the first wrong answer is shown on stderr.
 *   usage: finger-load PORT CLIENTS SECONDS QUERY EXPECTED_FILE    (server on 127.0.0.1)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_ANSWER (1 << 20)

static struct sockaddr_in server;
static char request[1100], expected[MAX_ANSWER];
static size_t request_length, expected_length;
static double end_at;
static pthread_mutex_t shown = PTHREAD_MUTEX_INITIALIZER;
static int wrong_shown;

typedef struct {
  double *latencies;
  size_t count, capacity;
  long wrong, errors;
} Tally;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void show_wrong(const char *got, size_t length) {
  pthread_mutex_lock(&shown);
  if (!wrong_shown++) {
    fprintf(stderr, "finger-load: wrong answer (%zu bytes, expected %zu):\n", length,
            expected_length);
    fwrite(got, 1, length > 512 ? 512 : length, stderr);
    fputc('\n', stderr);
  }
  pthread_mutex_unlock(&shown);
}

/* One query on a new connection: 1 right, 0 wrong, -1 failed. */
static int query(char *buffer) {
  int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, result = -1;
  if (fd < 0) return -1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct timeval timeout = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (connect(fd, (struct sockaddr *)&server, sizeof server) == 0 &&
      write(fd, request, request_length) == (ssize_t)request_length) {
    size_t got = 0;
    ssize_t n;
    while (got < MAX_ANSWER && (n = read(fd, buffer + got, MAX_ANSWER - got)) > 0) got += n;
    if (n == 0 || got == MAX_ANSWER) {
      result = got == expected_length && memcmp(buffer, expected, got) == 0;
      if (!result) show_wrong(buffer, got);
    }
  }
  close(fd);
  return result;
}

static void *client(void *arg) {
  Tally *tally = arg;
  char *buffer = malloc(MAX_ANSWER);
  while (now() < end_at) {
    double begin = now();
    int outcome = query(buffer);
    if (outcome < 0) { tally->errors++; continue; }
    if (outcome == 0) { tally->wrong++; continue; }
    if (tally->count == tally->capacity) {
      tally->capacity = tally->capacity ? tally->capacity * 2 : 4096;
      tally->latencies = realloc(tally->latencies, tally->capacity * sizeof(double));
    }
    tally->latencies[tally->count++] = now() - begin;
  }
  free(buffer);
  return NULL;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s PORT CLIENTS SECONDS QUERY EXPECTED_FILE\n", argv[0]);
    return 2;
  }
  int clients = atoi(argv[2]);
  double seconds = atof(argv[3]);
  request_length = (size_t)snprintf(request, sizeof request, "%s\r\n", argv[4]);
  FILE *file = fopen(argv[5], "rb");
  if (!file) { perror(argv[5]); return 2; }
  expected_length = fread(expected, 1, sizeof expected, file);
  fclose(file);
  server.sin_family = AF_INET;
  server.sin_port = htons(atoi(argv[1]));
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

  pthread_t threads[clients];
  Tally tallies[clients];
  memset(tallies, 0, sizeof tallies);
  double start = now();
  end_at = start + seconds;
  for (int i = 0; i < clients; i++) pthread_create(&threads[i], NULL, client, &tallies[i]);
  for (int i = 0; i < clients; i++) pthread_join(threads[i], NULL);
  double elapsed = now() - start;

  size_t total = 0;
  long wrong = 0, errors = 0;
  for (int i = 0; i < clients; i++) {
    total += tallies[i].count;
    wrong += tallies[i].wrong;
    errors += tallies[i].errors;
  }
  double *all = malloc((total ? total : 1) * sizeof(double));
  for (int i = 0, at = 0; i < clients; i++) {
    memcpy(all + at, tallies[i].latencies, tallies[i].count * sizeof(double));
    at += tallies[i].count;
  }
  qsort(all, total, sizeof(double), by_value);
  double p50 = total ? all[(size_t)(0.50 * (total - 1))] : 0;
  double p99 = total ? all[(size_t)(0.99 * (total - 1))] : 0;
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
               usage.ru_stime.tv_usec / 1e6;
  printf("queries/s %.0f p50_us %.0f p99_us %.0f right %zu wrong %ld errors %ld cores %.2f\n",
         total / elapsed, p50 * 1e6, p99 * 1e6, total, wrong, errors, cpu / elapsed);
  return total > 0 && wrong == 0 && errors == 0 ? 0 : 1;
}
