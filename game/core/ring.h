/* core/ring: a fixed-capacity FIFO of fixed-size elements; when full, the oldest is dropped. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

typedef struct Ring {
    unsigned char *data;
    size_t elem_size;
    size_t capacity; /* elements */
    size_t head;     /* index of the oldest element */
    size_t count;
} Ring;

void ring_init(Ring *r, size_t elem_size, size_t capacity);
void ring_free(Ring *r);
/* Appends a copy of elem; returns false when the oldest element had to be dropped. */
bool ring_push(Ring *r, const void *elem);
/* Copies the oldest element out and removes it; false when empty. */
bool ring_pop(Ring *r, void *out);
/* The i-th element counting from the oldest (0) or NULL past the end. */
const void *ring_at(const Ring *r, size_t i);
size_t ring_count(const Ring *r);
void ring_clear(Ring *r);
