/* tu-alloc.h: allocation failures on demand, to test out-of-memory paths. */
#ifndef TU_ALLOC_H
#define TU_ALLOC_H

/*
 * test-unit is linked with -Wl,--wrap for malloc, calloc, realloc, strdup
 * and strndup (Makefile), so every call the project's objects make goes
 * through tu-alloc.c. After tu_alloc_fail_after(n), the calling thread's
 * first n allocations succeed and every later one fails (NULL, ENOMEM)
 * until tu_alloc_reset(); other threads are never affected.
 * Allocations made inside shared libraries (libc, libpcap) are not seen.
 */
void tu_alloc_fail_after(long n);
/* Allocation failures off; returns how many allocations failed. */
long tu_alloc_reset(void);

#endif
