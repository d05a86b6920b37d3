/* The native floor for `--hash python`: the Python SDK's MD5 stream (archive path, then for a
 * folder a top-down walk in readdir order: each file's relative path and bytes, each empty
 * folder's relative path), computed in plain C with OpenSSL's MD5, one thread, 1 MiB reads.
 * Build: cc -O2 -o md5floor md5floor.c -lcrypto.  Usage: md5floor PATH ARCHIVE_PATH */
#define _GNU_SOURCE
#define OPENSSL_SUPPRESS_DEPRECATED
#include <dirent.h>
#include <fcntl.h>
#include <openssl/md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static MD5_CTX md5;
static unsigned char buffer[1 << 20];

static int hash_file(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return -1; }
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) MD5_Update(&md5, buffer, (size_t)n);
    close(fd);
    return n < 0 ? -1 : 0;
}

static int walk(const char *dir, const char *rel) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t cap = 64, nfiles = 0, ndirs = 0;
    char **files = malloc(cap * sizeof *files), **dirs = malloc(cap * sizeof *dirs);
    size_t dcap = 64;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        int is_dir = e->d_type == DT_DIR;
        if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
            char p[4096]; struct stat st;
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
        }
        if (is_dir) {
            if (ndirs == dcap) dirs = realloc(dirs, (dcap *= 2) * sizeof *dirs);
            dirs[ndirs++] = strdup(e->d_name);
        } else {
            if (nfiles == cap) files = realloc(files, (cap *= 2) * sizeof *files);
            files[nfiles++] = strdup(e->d_name);
        }
    }
    closedir(d);
    if (!nfiles && !ndirs) MD5_Update(&md5, rel ? rel : ".", strlen(rel ? rel : "."));
    char path[4096], relpath[4096];
    for (size_t i = 0; i < nfiles; i++) {
        snprintf(relpath, sizeof relpath, rel ? "%s/%s" : "%s%s", rel ? rel : "", files[i]);
        MD5_Update(&md5, relpath, strlen(relpath));
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (hash_file(path)) return -1;
        free(files[i]);
    }
    for (size_t i = 0; i < ndirs; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, dirs[i]);
        struct stat st;
        if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode)) {
            snprintf(relpath, sizeof relpath, rel ? "%s/%s" : "%s%s", rel ? rel : "", dirs[i]);
            if (walk(path, relpath)) return -1;
        }
        free(dirs[i]);
    }
    free(files);
    free(dirs);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s PATH ARCHIVE_PATH\n", argv[0]); return 2; }
    MD5_Init(&md5);
    MD5_Update(&md5, argv[2], strlen(argv[2]));
    struct stat st;
    int failed = (stat(argv[1], &st) == 0 && S_ISREG(st.st_mode)) ? hash_file(argv[1]) : walk(argv[1], NULL);
    if (failed) return 1;
    unsigned char digest[16];
    MD5_Final(digest, &md5);
    for (int i = 0; i < 16; i++) printf("%02x", digest[i]);
    printf("\n");
    return 0;
}
