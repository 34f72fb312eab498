/* core/ring: fixed-capacity FIFO. */
#include "core/ring.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

void ring_init(Ring *r, size_t elem_size, size_t capacity)
{
    r->elem_size = elem_size;
    r->capacity = capacity ? capacity : 1;
    r->data = xcalloc(r->capacity, elem_size);
    r->head = 0;
    r->count = 0;
}

void ring_free(Ring *r)
{
    free(r->data);
    r->data = NULL;
    r->count = 0;
}

bool ring_push(Ring *r, const void *elem)
{
    bool kept = true;
    if (r->count == r->capacity) {
        r->head = (r->head + 1) % r->capacity;
        r->count--;
        kept = false;
    }
    size_t idx = (r->head + r->count) % r->capacity;
    memcpy(r->data + idx * r->elem_size, elem, r->elem_size);
    r->count++;
    return kept;
}

bool ring_pop(Ring *r, void *out)
{
    if (r->count == 0)
        return false;
    if (out)
        memcpy(out, r->data + r->head * r->elem_size, r->elem_size);
    r->head = (r->head + 1) % r->capacity;
    r->count--;
    return true;
}

const void *ring_at(const Ring *r, size_t i)
{
    if (i >= r->count)
        return NULL;
    return r->data + ((r->head + i) % r->capacity) * r->elem_size;
}

size_t ring_count(const Ring *r) { return r->count; }

void ring_clear(Ring *r)
{
    r->head = 0;
    r->count = 0;
}
