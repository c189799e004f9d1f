/* The limit for `rasid extract`: ICU alone over the same documents.
 *
 *   cc -O2 -o bench/out/icu_floor bench/icu_floor.c $(pkg-config --cflags --libs icu-uc)
 *   bench/out/icu_floor TEXTS [RUNS]
 *
 * TEXTS holds the documents' UTF-8 texts, each followed by a NUL byte (make_corpus.py --texts).
 * The file is read into memory first; then, RUNS times each (median reported), two passes over all
 * documents:
 *   convert: u_strFromUTF8 of each document into a reused UTF-16 buffer (the UTF-8 -> UTF-16 floor);
 *   break:   the same conversion, then one word BreakIterator ("ar", opened once, as Rasid does per
 *            worker) over the document: ubrk_setText, ubrk_next to the end, ubrk_getRuleStatus per
 *            segment (Rasid needs it to tell words from spaces and punctuation).
 * Prints one JSON line: text bytes, documents, words (segments with a word/number/letter status),
 * median seconds and MB/s (10^6 bytes of UTF-8 text per second) of each pass, wall clock and (for a
 * loaded machine) process CPU time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* CPU time of this process: the fair measure when other work shares the cores. */
static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s TEXTS [RUNS]\n", argv[0]); return 2; }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1) runs = 1;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc(size + 1);
    if (fread(data, 1, size, f) != (size_t)size) { perror("read"); return 1; }
    fclose(f);
    data[size] = 0;

    /* Document boundaries. */
    long docs = 0, cap = 1024;
    long *starts = malloc(cap * sizeof *starts), *lens = malloc(cap * sizeof *lens);
    long textBytes = 0, maxLen = 0;
    for (long at = 0; at < size;) {
        long len = strlen(data + at);
        if (docs == cap) {
            cap *= 2;
            starts = realloc(starts, cap * sizeof *starts);
            lens = realloc(lens, cap * sizeof *lens);
        }
        starts[docs] = at; lens[docs] = len; docs++;
        textBytes += len;
        if (len > maxLen) maxLen = len;
        at += len + 1;
    }

    int32_t ucap = (int32_t)maxLen + 16; /* UTF-16 units <= UTF-8 bytes */
    UChar *u = malloc(ucap * sizeof *u);
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "ar", NULL, 0, &status);
    if (U_FAILURE(status)) { fprintf(stderr, "ubrk_open: %s\n", u_errorName(status)); return 1; }

    double *tConvert = malloc(runs * sizeof(double)), *tBreak = malloc(runs * sizeof(double));
    double *cConvert = malloc(runs * sizeof(double)), *cBreak = malloc(runs * sizeof(double));
    long words = 0, segments = 0, units = 0;
    for (int r = 0; r < runs; r++) {
        long n16 = 0;
        double t0 = now(), c0 = cpu();
        for (long d = 0; d < docs; d++) {
            int32_t len16 = 0;
            status = U_ZERO_ERROR;
            u_strFromUTF8(u, ucap, &len16, data + starts[d], (int32_t)lens[d], &status);
            n16 += len16;
        }
        tConvert[r] = now() - t0;
        cConvert[r] = cpu() - c0;
        units = n16;

        long w = 0, s = 0;
        t0 = now(); c0 = cpu();
        for (long d = 0; d < docs; d++) {
            int32_t len16 = 0;
            status = U_ZERO_ERROR;
            u_strFromUTF8(u, ucap, &len16, data + starts[d], (int32_t)lens[d], &status);
            ubrk_setText(bi, u, len16, &status);
            ubrk_first(bi);
            while (ubrk_next(bi) != UBRK_DONE) {
                s++;
                if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT) w++;
            }
        }
        tBreak[r] = now() - t0;
        cBreak[r] = cpu() - c0;
        words = w; segments = s;
    }
    if (U_FAILURE(status)) { fprintf(stderr, "ICU: %s\n", u_errorName(status)); return 1; }
    double c = median(tConvert, runs), b = median(tBreak, runs);
    double cc = median(cConvert, runs), cb = median(cBreak, runs);
    printf("{\"text_bytes\": %ld, \"documents\": %ld, \"utf16_units\": %ld, \"segments\": %ld, \"words\": %ld, "
           "\"runs\": %d, \"convert_s\": %.6f, \"convert_mb_s\": %.1f, \"break_s\": %.6f, \"break_mb_s\": %.1f, "
           "\"convert_cpu_s\": %.6f, \"break_cpu_s\": %.6f, \"break_cpu_mb_s\": %.1f}\n",
           textBytes, docs, units, segments, words, runs, c, textBytes / c / 1e6, b, textBytes / b / 1e6,
           cc, cb, textBytes / cb / 1e6);
    ubrk_close(bi);
    return 0;
}
