// System calls that Swift's Glibc module does not bring in, behind stable names.
#ifndef CRASID_SYSTEM_H
#define CRASID_SYSTEM_H

#if defined(__linux__)
#include <sys/vfs.h>
#endif

/// The type of the file system holding the open file `fd` (`statfs.f_type`, as in
/// `linux/magic.h`), or -1 when it cannot be read; -1 off Linux. Swift's Glibc module leaves
/// out <sys/vfs.h>, so `fstatfs` is reached through here.
static inline long long rasid_file_system_type(int fd) {
#if defined(__linux__)
    struct statfs info;
    if (fstatfs(fd, &info) != 0) return -1;
    return (long long)info.f_type;
#else
    (void)fd;
    return -1;
#endif
}

#endif
