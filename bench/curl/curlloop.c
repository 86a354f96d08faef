/*
 * Subject (d) of the httpcon benchmarks: libcurl itself, the engine of Kamailio's http_client.
 *
 *   curlloop URL THREADS WARMUP_S MEASURE_S reuse|fresh CAFILE|- USER_AGENT
 *
 * THREADS threads each GET URL in a closed loop, the body read to its end: with "reuse" one easy
 * handle per thread serves every request (keep_connections=1), with "fresh" every request gets a
 * new handle (keep_connections=0: a new TCP/TLS connection, closed after the request). Requests
 * that start after the warm-up and end before the window closes are counted. Prints one line:
 *
 *   CURL requests seconds p50_us p99_us p999_us errors
 *
 * Build: gcc -O2 -o curlloop curlloop.c -lcurl -lpthread  (Debian: libcurl4-openssl-dev)
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *url, *cafile, *agent;
static int reuse;
static uint64_t from_ns, to_ns;

struct worker {
    pthread_t thread;
    uint64_t *lat;      /* nanoseconds of the counted requests */
    size_t n, cap;
    long errors;
};

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static size_t sink(char *data, size_t size, size_t n, void *userdata) {
    (void) data;
    *(size_t *) userdata += size * n;
    return size * n;
}

static CURL *handle(size_t *received) {
    CURL *h = curl_easy_init();
    if (!h) {
        return NULL;
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, received);
    curl_easy_setopt(h, CURLOPT_USERAGENT, agent);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 4000L);     /* the module's connection_timeout default */
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);          /* threads */
    curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
    if (strcmp(cafile, "-") != 0) {
        curl_easy_setopt(h, CURLOPT_CAINFO, cafile);
    }
    return h;
}

static void *run(void *arg) {
    struct worker *w = arg;
    size_t received = 0;
    CURL *h = reuse ? handle(&received) : NULL;
    for (;;) {
        uint64_t t0 = now_ns();
        if (t0 >= to_ns) {
            break;
        }
        CURL *c = reuse ? h : handle(&received);
        received = 0;
        long status = 0;
        CURLcode rc = c ? curl_easy_perform(c) : CURLE_FAILED_INIT;
        if (c) {
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        }
        if (!reuse && c) {
            curl_easy_cleanup(c);
        }
        uint64_t t1 = now_ns();
        if (t0 >= from_ns && t1 <= to_ns) {
            if (rc == CURLE_OK && status == 200 && received == 100) {
                if (w->n == w->cap) {
                    w->cap = w->cap ? 2 * w->cap : 65536;
                    w->lat = realloc(w->lat, w->cap * sizeof *w->lat);
                    if (!w->lat) {
                        perror("realloc");
                        exit(1);
                    }
                }
                w->lat[w->n++] = t1 - t0;
            } else {
                w->errors++;
            }
        }
    }
    if (h) {
        curl_easy_cleanup(h);
    }
    return NULL;
}

static int cmp(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

static double percentile_us(const uint64_t *v, size_t n, double p) {
    if (n == 0) {
        return 0;
    }
    size_t i = (size_t) (p / 100.0 * (double) n);
    if (i >= n) {
        i = n - 1;
    }
    return v[i] / 1000.0;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: %s URL THREADS WARMUP_S MEASURE_S reuse|fresh CAFILE|- USER_AGENT\n", argv[0]);
        return 2;
    }
    url = argv[1];
    int threads = atoi(argv[2]);
    double warmup = atof(argv[3]), measure = atof(argv[4]);
    reuse = strcmp(argv[5], "reuse") == 0;
    cafile = argv[6];
    agent = argv[7];
    if (threads < 1 || measure <= 0 || (!reuse && strcmp(argv[5], "fresh") != 0)) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_ALL);
    from_ns = now_ns() + (uint64_t) (warmup * 1e9);
    to_ns = from_ns + (uint64_t) (measure * 1e9);
    struct worker *w = calloc((size_t) threads, sizeof *w);
    for (int i = 0; i < threads; i++) {
        pthread_create(&w[i].thread, NULL, run, &w[i]);
    }
    size_t total = 0;
    long errors = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(w[i].thread, NULL);
        total += w[i].n;
        errors += w[i].errors;
    }
    uint64_t *all = malloc((total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (int i = 0; i < threads; i++) {
        memcpy(all + k, w[i].lat, w[i].n * sizeof *all);
        k += w[i].n;
        free(w[i].lat);
    }
    qsort(all, total, sizeof *all, cmp);
    printf("CURL %zu %.3f %.1f %.1f %.1f %ld\n", total, measure, percentile_us(all, total, 50),
           percentile_us(all, total, 99), percentile_us(all, total, 99.9), errors);
    free(all);
    free(w);
    curl_global_cleanup();
    return 0;
}
