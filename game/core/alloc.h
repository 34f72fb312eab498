/* core/alloc: allocation that aborts on out-of-memory, so callers never check for NULL. */
#pragma once
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* Grow *ptr (of elements of elem_size) so it holds at least need elements; doubles capacity. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t elem_size);
