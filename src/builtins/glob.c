/* Builtins: glob family — glob.match and glob.quote_meta — plus the glob
 * intersection behind regex.globs_match (declared in encoding_internal.h).
 *
 * glob.match follows OPA, which uses github.com/gobwas/glob: `*` matches any
 * run of non-delimiter characters, `**` any run, `?` one non-delimiter
 * character, `[abc]`/`[!abc]` one listed/unlisted character, `[a-z]`/`[!a-z]`
 * a range, `{a,b}` alternatives (nestable), `\` escapes.  Delimiters: null
 * means none, an empty array means ["."].  The pattern is parsed once into a
 * small tree with gobwas' lexing rules (and error texts), compiled to an NFA
 * and run as a state-set simulation: time O(pattern x input), never
 * exponential.  One deliberate difference: a pattern ending in a lone `\`
 * matches nothing (gobwas silently drops the backslash), as other Rego
 * engines do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/encoding_internal.h"
#include "builtins/families.h"

/* Bound on {…} nesting: deeper patterns are rejected, never a stack risk. */
#define GLOB_MAX_NEST 200

/* Decodes s into a malloc'd code point array; false on invalid UTF-8 when
 * strict (patterns), else invalid bytes become U+FFFD (inputs). */
static bool to_runes(const char *s, size_t n, bool strict, uint32_t **out, size_t *count) {
    uint32_t *r = rg_xmalloc((n ? n : 1) * sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        bool ok;
        i += rg_enc_utf8_decode((const unsigned char *)s + i, n - i, &r[k++], &ok);
        if (!ok && strict) {
            free(r);
            return false;
        }
    }
    *out = r;
    *count = k;
    return true;
}

/* ---------------------------------------------------------------------------
 * glob.match: pattern tree
 * ------------------------------------------------------------------------- */

enum { G_CHAR, G_SINGLE, G_STAR, G_SUPER, G_LIST, G_RANGE, G_ALT, G_FAIL, G_SPLIT, G_MATCH };

typedef struct gnode {
    uint8_t op;
    bool neg;        /* [!...] */
    uint32_t lo, hi; /* G_CHAR: lo; G_RANGE: lo..hi; G_LIST: offset, count in chars */
    int next;        /* next node of the same sequence, -1 at the end */
    int alt;         /* G_ALT: first alternative (index in alts), -1 none */
} gnode;

typedef struct galt {
    int head; /* first node of the alternative, -1 when empty */
    int next; /* next alternative, -1 at the end */
} galt;

typedef struct gtree {
    gnode *nodes;
    size_t nnodes, cap_nodes;
    galt *alts;
    size_t nalts, cap_alts;
    uint32_t *chars; /* the characters of all [...] lists */
    size_t nchars, cap_chars;
} gtree;

typedef struct gparse {
    const uint32_t *pat;
    size_t n, i;
    gtree *t;
    const char *err; /* error text, NULL while fine */
    char errbuf[96];
} gparse;

static int new_node(gtree *t, uint8_t op, uint32_t lo, uint32_t hi) {
    if (t->nnodes == t->cap_nodes) {
        t->cap_nodes = t->cap_nodes ? 2 * t->cap_nodes : 16;
        t->nodes = rg_xrealloc(t->nodes, t->cap_nodes * sizeof *t->nodes);
    }
    t->nodes[t->nnodes] = (gnode){op, false, lo, hi, -1, -1};
    return (int)t->nnodes++;
}

static int new_alt(gtree *t, int head) {
    if (t->nalts == t->cap_alts) {
        t->cap_alts = t->cap_alts ? 2 * t->cap_alts : 8;
        t->alts = rg_xrealloc(t->alts, t->cap_alts * sizeof *t->alts);
    }
    t->alts[t->nalts] = (galt){head, -1};
    return (int)t->nalts++;
}

static void push_char(gtree *t, uint32_t c) {
    if (t->nchars == t->cap_chars) {
        t->cap_chars = t->cap_chars ? 2 * t->cap_chars : 16;
        t->chars = rg_xrealloc(t->chars, t->cap_chars * sizeof *t->chars);
    }
    t->chars[t->nchars++] = c;
}

static int fail_at(gparse *g, const char *msg) {
    if (!g->err) g->err = msg;
    return -1;
}

static int range_order_error(gparse *g, uint32_t lo, uint32_t hi) {
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "hi character '");
    rg_enc_utf8_put(&b, hi);
    rg_buf_puts(&b, "' should be greater than lo '");
    rg_enc_utf8_put(&b, lo);
    rg_buf_putc(&b, '\'');
    snprintf(g->errbuf, sizeof g->errbuf, "%s", rg_buf_cstr(&b));
    rg_buf_fini(&b);
    return fail_at(g, g->errbuf);
}

/* "[x-y]" after its 'x' was read and the '-' is next. */
static int parse_range(gparse *g, uint32_t lo, bool neg) {
    g->i++;
    if (g->i == g->n) return fail_at(g, "unexpected end of input");
    uint32_t hi = g->pat[g->i++];
    if (g->i == g->n) return fail_at(g, "unexpected end of input");
    if (g->pat[g->i++] != ']') return fail_at(g, "expected close range character");
    if (hi < lo) return range_order_error(g, lo, hi);
    int s = new_node(g->t, G_RANGE, lo, hi);
    g->t->nodes[s].neg = neg;
    return s;
}

/* Parses "[...]" (the '[' already consumed) like gobwas' lexer: an optional
 * '!', then either "x-y" or a list of characters with '\' escapes. */
static int parse_class(gparse *g) {
    bool neg = false;
    if (g->i < g->n && g->pat[g->i] == '!') neg = true, g->i++;
    if (g->i == g->n) return fail_at(g, "unexpected end of input");
    if (g->i + 1 < g->n && g->pat[g->i + 1] == '-') {
        uint32_t lo = g->pat[g->i++];
        return parse_range(g, lo, neg);
    }
    size_t start = g->t->nchars;
    bool esc = false;
    for (; g->i < g->n; g->i++) {
        uint32_t c = g->pat[g->i];
        if (!esc && c == '\\') {
            esc = true;
            continue;
        }
        if (!esc && c == ']') break;
        esc = false;
        push_char(g->t, c);
    }
    if (g->i == g->n) return fail_at(g, "unexpected end of input");
    g->i++;
    if (g->t->nchars == start) return fail_at(g, "could not parse range");
    int s = new_node(g->t, G_LIST, (uint32_t)start, (uint32_t)(g->t->nchars - start));
    g->t->nodes[s].neg = neg;
    return s;
}

static int parse_seq(gparse *g, int depth, bool in_terms);

/* Parses "{a,b,...}" (the '{' consumed); a missing '}' closes at the end. */
static int parse_alts(gparse *g, int depth) {
    if (depth >= GLOB_MAX_NEST) return fail_at(g, "pattern nested too deeply");
    int node = new_node(g->t, G_ALT, 0, 0), last = -1;
    for (;;) {
        int head = parse_seq(g, depth + 1, true);
        if (g->err) return -1;
        int a = new_alt(g->t, head);
        if (last < 0) g->t->nodes[node].alt = a;
        else g->t->alts[last].next = a;
        last = a;
        bool more = g->i < g->n && g->pat[g->i] == ',';
        if (g->i < g->n) g->i++;
        if (!more) return node;
    }
}

/* Parses one item at g->i. */
static int parse_item(gparse *g, int depth, bool in_terms) {
    uint32_t c = g->pat[g->i++];
    switch (c) {
    case '?': return new_node(g->t, G_SINGLE, 0, 0);
    case '*':
        if (g->i < g->n && g->pat[g->i] == '*') {
            g->i++;
            return new_node(g->t, G_SUPER, 0, 0);
        }
        return new_node(g->t, G_STAR, 0, 0);
    case '[': return parse_class(g);
    case '{': return parse_alts(g, depth);
    case '\\':
        if (g->i == g->n) return new_node(g->t, G_FAIL, 0, 0); /* lone trailing backslash */
        c = g->pat[g->i++];
        break;
    default: break;
    }
    return new_node(g->t, G_CHAR, c, 0);
}

/* Parses a sequence up to the pattern's end or, inside braces, up to ','
 * or '}'.  Returns its first node (-1 when empty or on error). */
static int parse_seq(gparse *g, int depth, bool in_terms) {
    int head = -1, tail = -1;
    while (g->i < g->n && !g->err) {
        uint32_t c = g->pat[g->i];
        if (in_terms && (c == ',' || c == '}')) break;
        int s = parse_item(g, depth, in_terms);
        if (s < 0) return -1;
        if (tail < 0) head = s;
        else g->t->nodes[tail].next = s;
        tail = s;
    }
    return head;
}

/* ---------------------------------------------------------------------------
 * glob.match: NFA
 * ------------------------------------------------------------------------- */

typedef struct gstate {
    uint8_t op;
    bool neg;
    uint32_t lo, hi;
    int out, out2;
} gstate;

typedef struct gprog {
    gstate *st;
    size_t len, cap;
} gprog;

static int emit(gprog *p, uint8_t op, const gnode *src, int out, int out2) {
    if (p->len == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->st = rg_xrealloc(p->st, p->cap * sizeof *p->st);
    }
    p->st[p->len] = (gstate){op, src ? src->neg : false, src ? src->lo : 0, src ? src->hi : 0, out, out2};
    return (int)p->len++;
}

/* Compiles the sequence starting at node head so that it continues with
 * state cont; returns its start state.  Nodes are emitted right to left. */
static int compile_seq(const gtree *t, gprog *p, int head, int cont) {
    size_t n = 0;
    for (int k = head; k >= 0; k = t->nodes[k].next) n++;
    int *order = rg_xmalloc((n ? n : 1) * sizeof *order);
    n = 0;
    for (int k = head; k >= 0; k = t->nodes[k].next) order[n++] = k;
    int next = cont;
    while (n-- > 0) {
        const gnode *nd = &t->nodes[order[n]];
        if (nd->op == G_ALT) {
            int first = -1, prev = -1;
            for (int a = nd->alt; a >= 0; a = t->alts[a].next) {
                int s = compile_seq(t, p, t->alts[a].head, next);
                if (t->alts[a].next >= 0) s = emit(p, G_SPLIT, NULL, s, -1);
                if (prev >= 0) p->st[prev].out2 = s;
                else first = s;
                prev = s;
            }
            next = first;
        } else {
            next = emit(p, nd->op, nd, nd->op == G_FAIL ? -1 : next, -1);
        }
    }
    free(order);
    return next;
}

typedef struct gsim {
    const gprog *p;
    const uint32_t *chars;
    const uint32_t *seps;
    size_t nseps;
    int *cur, *nxt;
    size_t ncur, nnxt;
    unsigned *mark, gen;
    int *stack;
} gsim;

static bool is_sep(const gsim *m, uint32_t c) {
    for (size_t i = 0; i < m->nseps; i++)
        if (m->seps[i] == c) return true;
    return false;
}

/* Adds state s and everything reachable by epsilon moves to the next list. */
static void add_state(gsim *m, int s) {
    size_t sp = 0;
    m->stack[sp++] = s;
    while (sp) {
        s = m->stack[--sp];
        if (s < 0 || m->mark[s] == m->gen) continue;
        m->mark[s] = m->gen;
        const gstate *st = &m->p->st[s];
        switch (st->op) {
        case G_SPLIT:
            m->stack[sp++] = st->out2;
            m->stack[sp++] = st->out;
            break;
        case G_STAR:
        case G_SUPER:
            m->nxt[m->nnxt++] = s; /* may consume, or be skipped */
            m->stack[sp++] = st->out;
            break;
        case G_FAIL: break;
        default: m->nxt[m->nnxt++] = s;
        }
    }
}

static bool class_has(const gsim *m, const gstate *st, uint32_t c) {
    bool in = false;
    if (st->op == G_RANGE) in = c >= st->lo && c <= st->hi;
    else
        for (uint32_t i = 0; i < st->hi && !in; i++) in = m->chars[st->lo + i] == c;
    return in != st->neg;
}

/* Moves every current state over character c. */
static void step(gsim *m, uint32_t c) {
    m->gen++;
    m->nnxt = 0;
    for (size_t i = 0; i < m->ncur; i++) {
        int s = m->cur[i];
        const gstate *st = &m->p->st[s];
        switch (st->op) {
        case G_CHAR:
            if (c == st->lo) add_state(m, st->out);
            break;
        case G_SINGLE:
            if (!is_sep(m, c)) add_state(m, st->out);
            break;
        case G_LIST:
        case G_RANGE:
            if (class_has(m, st, c)) add_state(m, st->out);
            break;
        case G_STAR:
            if (!is_sep(m, c)) add_state(m, s);
            break;
        case G_SUPER: add_state(m, s); break;
        default: break;
        }
    }
    int *t = m->cur;
    m->cur = m->nxt, m->nxt = t;
    m->ncur = m->nnxt;
}

static bool run_nfa(const gprog *p, int start, const uint32_t *chars, const uint32_t *seps, size_t nseps,
                    const uint32_t *in, size_t n) {
    size_t ns = p->len;
    /* The epsilon stack holds at most two pushes per state visit. */
    gsim m = {p, chars, seps, nseps, rg_xmalloc(ns * sizeof(int)), rg_xmalloc(ns * sizeof(int)), 0, 0,
              rg_xcalloc(ns, sizeof(unsigned)), 1, rg_xmalloc((2 * ns + 2) * sizeof(int))};
    m.nnxt = 0;
    add_state(&m, start);
    int *t = m.cur;
    m.cur = m.nxt, m.nxt = t;
    m.ncur = m.nnxt;
    for (size_t i = 0; i < n && m.ncur; i++) step(&m, in[i]);
    bool matched = false;
    for (size_t i = 0; i < m.ncur && !matched; i++) matched = p->st[m.cur[i]].op == G_MATCH;
    free(m.cur);
    free(m.nxt);
    free(m.mark);
    free(m.stack);
    return matched;
}

/* Compiles and runs pattern against input.  Returns 1/0, or -1 with the
 * error text in err. */
static int glob_match(const char *pat, size_t plen, const uint32_t *seps, size_t nseps, const char *in, size_t ilen,
                      rg_buf *err) {
    uint32_t *pr, *ir;
    size_t pn, in_n;
    if (!to_runes(pat, plen, true, &pr, &pn)) {
        rg_buf_puts(err, "could not read rune");
        return -1;
    }
    gtree t = {0};
    gparse g = {pr, pn, 0, &t, NULL, {0}};
    int head = parse_seq(&g, 0, false);
    int rc = -1;
    if (g.err) {
        rg_buf_puts(err, g.err);
    } else {
        gprog p = {0};
        int match = emit(&p, G_MATCH, NULL, -1, -1);
        int start = compile_seq(&t, &p, head, match);
        to_runes(in, ilen, false, &ir, &in_n);
        rc = run_nfa(&p, start, t.chars, seps, nseps, ir, in_n) ? 1 : 0;
        free(ir);
        free(p.st);
    }
    free(t.nodes);
    free(t.alts);
    free(t.chars);
    free(pr);
    return rc;
}

/* ---------------------------------------------------------------------------
 * glob.match / glob.quote_meta builtins
 * ------------------------------------------------------------------------- */

/* Reads operand 2: null (no delimiters) or an array of one-character
 * strings (empty array: "."). Returns the count or -1 after an error. */
static long read_delimiters(rg_bi_ctx *ctx, rg_value d, uint32_t **out) {
    *out = NULL;
    if (d.kind == RG_NULL) return 0;
    if (d.kind != RG_ARRAY) return rg_bi_type_error(ctx, 2, "one of {array, null}", d);
    uint32_t *seps = rg_xmalloc((d.len ? d.len : 1) * sizeof *seps);
    for (size_t i = 0; i < d.len; i++) {
        rg_value e = d.u.items[i];
        uint32_t cp;
        bool ok;
        if (e.kind != RG_STRING) {
            free(seps);
            return rg_enc_operand_error(ctx, 2, "must be array of strings but got array containing %s", rg_type_name(e));
        }
        if (e.len == 0 || rg_enc_utf8_decode((const unsigned char *)e.u.s, e.len, &cp, &ok) != e.len) {
            free(seps);
            return rg_enc_operand_error(ctx, 2, "must be array of runes but got array containing string");
        }
        seps[i] = cp;
    }
    if (d.len == 0) seps[0] = '.';
    *out = seps;
    return d.len ? (long)d.len : 1;
}

static int bi_glob_match(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    uint32_t *seps;
    long nseps = read_delimiters(ctx, args[1], &seps);
    if (nseps < 0) return RG_BI_ERROR;
    if (rg_bi_want_string(ctx, args, 2)) {
        free(seps);
        return RG_BI_ERROR;
    }
    rg_buf err = RG_BUF_INIT;
    int m = glob_match(args[0].u.s, args[0].len, seps, (size_t)nseps, args[2].u.s, args[2].len, &err);
    free(seps);
    int rc = RG_BI_OK;
    /* OPA reports gobwas' text; "syntax error in pattern" is what other
     * Rego engines say, so both appear. */
    if (m < 0) rc = rg_bi_error(ctx, "%s (syntax error in pattern)", rg_buf_cstr(&err));
    else *out = rg_bool(m == 1);
    rg_buf_fini(&err);
    return rc;
}

static int bi_glob_quote_meta(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < args[0].len; i++) {
        char c = args[0].u.s[i];
        if (c && strchr("*?\\[]{}", c)) rg_buf_putc(&b, '\\');
        rg_buf_putc(&b, c);
    }
    *out = rg_string(rg_bi_arena(ctx), b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return RG_BI_OK;
}

/* ---------------------------------------------------------------------------
 * regex.globs_match: intersection of two "glob-style" regular expressions
 *
 * The syntax (from OPA's glob-intersection library) has characters, '.'
 * (any character), sets "[a-z0-9]" and the flags '*' and '+' after any of
 * them; '\' escapes.  Instead of that library's greedy walk this decides the
 * question exactly: a search over pairs of positions (product automaton)
 * for a non-empty string both globs match.
 * ------------------------------------------------------------------------- */

typedef struct xtok {
    bool dot;
    bool star;           /* repeat zero or more times ('+' is expanded to x x*) */
    uint32_t *ranges;    /* sorted lo,hi pairs (malloc'd, shared by '+' copies) */
    size_t nranges;
} xtok;

typedef struct xglob {
    xtok *t;
    size_t n, cap;
    uint32_t **owned; /* range arrays to free */
    size_t nowned;
} xglob;

static void xglob_fini(xglob *g) {
    for (size_t i = 0; i < g->nowned; i++) free(g->owned[i]);
    free(g->owned);
    free(g->t);
}

static void xpush(xglob *g, xtok t) {
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 16;
        g->t = rg_xrealloc(g->t, g->cap * sizeof *g->t);
    }
    g->t[g->n++] = t;
}

typedef struct xlex {
    const uint32_t *r;
    size_t n;
    const char *src; /* original text for messages */
    size_t srclen;
    rg_buf *err;
} xlex;

static int xerror(xlex *x, size_t pos, const char *fmt, uint32_t a, uint32_t b) {
    rg_buf_puts(x->err, "input:");
    rg_buf_append(x->err, x->src, x->srclen);
    rg_buf_printf(x->err, ", pos:%zu, ", pos);
    const char *p = strstr(fmt, "%c");
    if (!p) {
        rg_buf_puts(x->err, fmt);
    } else { /* one or two code points substituted for %c */
        rg_buf_append(x->err, fmt, (size_t)(p - fmt));
        rg_enc_utf8_put(x->err, a);
        const char *q = strstr(p + 2, "%c");
        if (q) {
            rg_buf_append(x->err, p + 2, (size_t)(q - p - 2));
            rg_enc_utf8_put(x->err, b);
            rg_buf_puts(x->err, q + 2);
        } else {
            rg_buf_puts(x->err, p + 2);
        }
    }
    rg_buf_puts(x->err, ": the input provided is invalid");
    return -1;
}

/* Reads one (possibly escaped) character at *i. */
static int xnext(xlex *x, size_t *i, uint32_t *c, bool *esc) {
    if (x->r[*i] == '\\') {
        if (*i + 1 == x->n) return xerror(x, *i, "input ends with a \\\\ (escape) character", 0, 0);
        *c = x->r[*i + 1];
        *esc = true;
        *i += 2;
        return 0;
    }
    *c = x->r[(*i)++];
    *esc = false;
    return 0;
}

static int range_cmp(const void *a, const void *b) {
    const uint32_t *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

static void add_range(uint32_t **r, size_t *n, size_t *cap, uint32_t lo, uint32_t hi) {
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *r = rg_xrealloc(*r, *cap * 2 * sizeof **r);
    }
    (*r)[2 * *n] = lo;
    (*r)[2 * *n + 1] = hi;
    (*n)++;
}

/* Parses a set after its '['. */
static int xset(xlex *x, size_t *i, xtok *t) {
    uint32_t *r = NULL, prev = 0, c = 0;
    size_t n = 0, cap = 0;
    bool have_prev = false, esc = false, complete = false;
    while (*i < x->n) {
        if (xnext(x, i, &c, &esc)) goto fail;
        if (esc || (c != '-' && c != ']')) {
            add_range(&r, &n, &cap, c, c);
            prev = c, have_prev = true;
            continue;
        }
        if (c == ']') {
            complete = true;
            break;
        }
        if (!have_prev) {
            xerror(x, *i, "range character '-' must be preceded by a Unicode character", 0, 0);
            goto fail;
        }
        if (*i + 1 >= x->n) {
            xerror(x, *i, "range character '-' must be followed by a Unicode character", 0, 0);
            goto fail;
        }
        if (xnext(x, i, &c, &esc)) goto fail;
        if (!esc && (c == ']' || c == '-')) {
            xerror(x, *i, "range character '-' cannot be followed by a special symbol", 0, 0);
            goto fail;
        }
        if (c < prev) {
            xerror(x, *i, "range is out of order: '%c' comes before '%c' in Unicode", c, prev);
            goto fail;
        }
        r[2 * (n - 1) + 1] = c; /* widen the previous single character */
        have_prev = false;
    }
    if (!complete) {
        xerror(x, *i, "found [ without matching ]", 0, 0);
        goto fail;
    }
    if (n) qsort(r, n, 2 * sizeof *r, range_cmp);
    t->ranges = r;
    t->nranges = n;
    return 0;
fail:
    free(r);
    return -1;
}

/* Tokenizes one glob; '+' flags become a token followed by its starred copy. */
static int xtokenize(xlex *x, xglob *g) {
    size_t i = 0;
    while (i < x->n) {
        uint32_t c = 0;
        bool esc = false;
        xtok t = {0};
        if (xnext(x, &i, &c, &esc)) return -1;
        if (!esc && c == ']') return xerror(x, i, "set-close ']' with no preceding '['", 0, 0);
        if (!esc && (c == '+' || c == '*')) return xerror(x, i, "flag '%c' must be preceded by a non-flag", c, 0);
        if (!esc && c == '.') {
            t.dot = true;
        } else if (!esc && c == '[') {
            if (xset(x, &i, &t)) return -1;
        } else {
            t.ranges = rg_xmalloc(2 * sizeof *t.ranges);
            t.ranges[0] = t.ranges[1] = c;
            t.nranges = 1;
        }
        if (t.ranges) {
            g->owned = rg_xrealloc(g->owned, (g->nowned + 1) * sizeof *g->owned);
            g->owned[g->nowned++] = t.ranges;
        }
        /* An optional flag: an unescaped '*' or '+'. */
        if (i < x->n && (x->r[i] == '*' || x->r[i] == '+')) {
            if (x->r[i++] == '+') xpush(g, t);
            t.star = true;
        } else if (i + 1 == x->n && x->r[i] == '\\') {
            return xerror(x, i, "input ends with a \\\\ (escape) character", 0, 0);
        }
        xpush(g, t);
    }
    return 0;
}

static bool tok_overlap(const xtok *a, const xtok *b) {
    if (a->dot) return b->dot || b->nranges > 0;
    if (b->dot) return a->nranges > 0;
    size_t i = 0, j = 0;
    while (i < a->nranges && j < b->nranges) {
        const uint32_t *x = a->ranges + 2 * i, *y = b->ranges + 2 * j;
        if (x[0] <= y[1] && y[0] <= x[1]) return true;
        if (x[1] < y[1]) i++;
        else j++;
    }
    return false;
}

/* Depth-first search over (i, j, consumed) states of the product. */
static int xintersect(const xglob *a, const xglob *b, rg_buf *err) {
    size_t w = b->n + 1;
    if (a->n > 100000 || b->n > 100000 || (a->n + 1) * w > ((size_t)1 << 23)) {
        rg_buf_puts(err, "globs too long");
        return -1;
    }
    size_t nstates = (a->n + 1) * w * 2;
    unsigned char *seen = rg_xcalloc(nstates / 8 + 1, 1);
    uint32_t *stack = NULL;
    size_t sp = 0, cap = 0;
#define XSTATE(i, j, c) ((((i) * w) + (j)) * 2 + (c))
#define XPUSH(s)                                                     \
    do {                                                             \
        size_t s_ = (s);                                             \
        if (!(seen[s_ / 8] & (1u << (s_ % 8)))) {                    \
            seen[s_ / 8] |= (unsigned char)(1u << (s_ % 8));         \
            if (sp == cap) {                                         \
                cap = cap ? 2 * cap : 64;                            \
                stack = rg_xrealloc(stack, cap * sizeof *stack);     \
            }                                                        \
            stack[sp++] = (uint32_t)s_;                              \
        }                                                            \
    } while (0)
    XPUSH(XSTATE(0, 0, 0));
    int found = 0;
    while (sp && !found) {
        size_t s = stack[--sp], c = s % 2, i = s / 2 / w, j = s / 2 % w;
        if (i == a->n && j == b->n && c) found = 1;
        if (i < a->n && a->t[i].star) XPUSH(XSTATE(i + 1, j, c));
        if (j < b->n && b->t[j].star) XPUSH(XSTATE(i, j + 1, c));
        if (i < a->n && j < b->n && tok_overlap(&a->t[i], &b->t[j]))
            XPUSH(XSTATE(a->t[i].star ? i : i + 1, b->t[j].star ? j : j + 1, 1));
    }
#undef XPUSH
#undef XSTATE
    free(seen);
    free(stack);
    return found;
}

int rg_globs_intersect(const char *g1, size_t n1, const char *g2, size_t n2, rg_buf *err) {
    const char *src[2] = {g1, g2};
    size_t len[2] = {n1, n2};
    xglob g[2] = {{0}, {0}};
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        uint32_t *r;
        size_t n;
        to_runes(src[k], len[k], false, &r, &n);
        xlex x = {r, n, src[k], len[k], err};
        rc = xtokenize(&x, &g[k]);
        free(r);
    }
    if (rc == 0) rc = xintersect(&g[0], &g[1], err);
    xglob_fini(&g[0]);
    xglob_fini(&g[1]);
    return rc;
}

const rg_builtin_def rg_builtins_glob[] = {
    {"glob.match", bi_glob_match, 3, RG_ARGS(RG_T_STR, RG_T_ARR | RG_T_NULL, RG_T_STR), RG_T_BOOL, 0},
    {"glob.quote_meta", bi_glob_quote_meta, 1, RG_ARGS(RG_T_STR), RG_T_STR, 0},
    {0},
};
