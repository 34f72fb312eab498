/* libFuzzer target: any bytes as an answers file must give answers or file:line errors, never a
 * crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session/answers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    Answers a;
    Diag d;
    diag_init(&d);
    if (answers_parse_string("fuzz.txt", text, &a, &d)) {
        for (int i = 1; i <= ANSWERS_MAX_SETS + 1; i++) {
            int p = answers_pain_for_set(&a, i);
            if (p < -1 || p > 10)
                abort();
        }
    } else if (!diag_has_errors(&d)) {
        abort(); /* a refusal must say why */
    }
    diag_free(&d);
    free(text);
    return 0;
}
