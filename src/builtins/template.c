/* Builtins: strings.render_template -- the subset of Go's text/template
 * that OPA exposes.
 *
 * OPA converts the variables object to Go values (objects become
 * map[string]any, arrays and sets []any, numbers json.Number -- a *string*
 * type, so it is truthy even when 0 and compares as a string), executes the
 * template with Go's default options and replaces every "<no value>" in
 * the output with "<undefined>".  This file reimplements that pipeline:
 *
 *   lexer   template text -> tokens (text, {{ }}, trim markers, comments)
 *   parser  tokens -> tree (actions, if/else if/else, range/else, with,
 *           break/continue, define/template/block, variables, pipelines,
 *           parenthesised pipelines, field chains)
 *   exec    tree x data -> output, with Go's builtin functions (and, or,
 *           not, len, index, slice, eq/ne/lt/le/gt/ge, print, printf,
 *           println, html, js, urlquery, call) and Go's fmt rendering.
 *
 * Errors use Go's wording ("template: NAME:LINE: ..." for parse errors,
 * "template: NAME:LINE:COL: executing ..." for execution errors) and end
 * both phases through longjmp, so all scratch memory lives in an arena or
 * in the state freed by the caller.  Work is bounded: nesting depth,
 * template call depth, executed steps and output size all have limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/families.h"
#include "rego/bi_ctx.h"

#define TMPL_NAME "template"
#define MAX_NEST 256              /* nested controls and parentheses */
#define MAX_CALL_DEPTH 256        /* {{template}} recursion */
#define MAX_STEPS ((size_t)1 << 24)
#define MAX_OUTPUT ((size_t)1 << 26)
#define MAX_PRINT_DEPTH 256       /* nested data printed by fmt */
#define MAX_SCRATCH ((size_t)1 << 28) /* bytes of strings computed while executing */

/* ---- errors ---- */

typedef struct tfail {
    jmp_buf jb;
    rg_buf msg;
    const char *src;
} tfail;

static size_t line_of(const char *src, size_t pos) {
    size_t line = 1;
    for (size_t i = 0; i < pos; i++) line += src[i] == '\n';
    return line;
}

static _Noreturn void vfail(tfail *f, const char *prefix, const char *fmt, va_list ap) {
    rg_buf_puts(&f->msg, prefix);
    rg_buf_vprintf(&f->msg, fmt, ap);
    longjmp(f->jb, 1);
}

/* A parse error: "template: template:LINE: MSG". */
static _Noreturn __attribute__((format(printf, 3, 4))) void parse_fail(tfail *f, size_t pos, const char *fmt, ...) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "template: %s:%zu: ", TMPL_NAME, line_of(f->src, pos));
    va_list ap;
    va_start(ap, fmt);
    vfail(f, prefix, fmt, ap);
}

/* ---- lexer ---- */

typedef enum {
    T_EOF, T_TEXT, T_LEFT, T_RIGHT, T_SPACE, T_FIELD, T_VAR, T_DOT, T_IDENT, T_BOOL, T_NIL, T_NUMBER, T_CHAR,
    T_STRING, T_RAW, T_LPAREN, T_RPAREN, T_PIPE, T_COMMA, T_DECLARE, T_ASSIGN,
    T_IF, T_ELSE, T_END, T_RANGE, T_WITH, T_DEFINE, T_TEMPLATE, T_BLOCK, T_BREAK, T_CONTINUE,
} tok_kind;

typedef struct tok {
    tok_kind k;
    size_t pos, len; /* the token's text in the source */
} tok;

typedef struct lexer {
    tfail *f;
    const char *s;
    size_t n, pos;
    tok *toks;
    size_t ntoks, cap;
    bool trim_next; /* a "-}}" trims the following text's leading space */
} lexer;

static void emit(lexer *lx, tok_kind k, size_t pos, size_t len) {
    if (lx->ntoks == lx->cap) {
        lx->cap = lx->cap ? 2 * lx->cap : 64;
        lx->toks = rg_xrealloc(lx->toks, lx->cap * sizeof *lx->toks);
    }
    lx->toks[lx->ntoks++] = (tok){k, pos, len};
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool starts(const lexer *lx, size_t at, const char *lit) {
    size_t n = strlen(lit);
    return at <= lx->n && lx->n - at >= n && memcmp(lx->s + at, lit, n) == 0;
}

/* Length of the closing delimiter at `at` ("}}" or " -}}"), 0 if none. */
static size_t right_delim(const lexer *lx, size_t at, bool *trim) {
    *trim = at < lx->n && is_space(lx->s[at]) && starts(lx, at + 1, "-}}");
    if (*trim) return 4;
    return starts(lx, at, "}}") ? 2 : 0;
}

static _Noreturn void lex_fail(lexer *lx, const char *msg) { parse_fail(lx->f, lx->pos, "%s", msg); }

/* Emits the text before the next "{{" (trimmed as the markers ask);
 * returns false at the end of input. */
static bool lex_text(lexer *lx) {
    const char *open = memmem(lx->s + lx->pos, lx->n - lx->pos, "{{", 2);
    size_t end = open ? (size_t)(open - lx->s) : lx->n, ts = lx->pos, te = end;
    if (lx->trim_next)
        while (ts < te && is_space(lx->s[ts])) ts++;
    lx->trim_next = false;
    bool ltrim = open && end + 3 < lx->n && lx->s[end + 2] == '-' && is_space(lx->s[end + 3]);
    if (ltrim)
        while (te > ts && is_space(lx->s[te - 1])) te--;
    if (te > ts) emit(lx, T_TEXT, ts, te - ts);
    if (!open) return false;
    lx->pos = end + 2 + (ltrim ? 2 : 0);
    return true;
}

/* A comment right after the opening delimiter; nothing is emitted. */
static void lex_comment(lexer *lx) {
    const char *close = memmem(lx->s + lx->pos + 2, lx->n - lx->pos - 2, "*/", 2);
    if (!close) lex_fail(lx, "unclosed comment");
    lx->pos = (size_t)(close - lx->s) + 2;
    bool trim;
    size_t d = right_delim(lx, lx->pos, &trim);
    if (!d) lex_fail(lx, "comment ends before closing delimiter");
    lx->pos += d;
    lx->trim_next = trim;
}

/* Go requires a field, variable or identifier to be followed by one of
 * these (or the closing delimiter). */
static void check_terminator(lexer *lx) {
    size_t p = lx->pos;
    if (p >= lx->n || is_space(lx->s[p]) || strchr(".,|:()", lx->s[p]) || starts(lx, p, "}}")) return;
    parse_fail(lx->f, p, "bad character U+%04X '%c'", (unsigned char)lx->s[p], lx->s[p]);
}

static void lex_quoted(lexer *lx, char q, tok_kind k, const char *unterminated) {
    size_t start = lx->pos++;
    for (;;) {
        if (lx->pos >= lx->n || (q != '`' && lx->s[lx->pos] == '\n')) lex_fail(lx, unterminated);
        char c = lx->s[lx->pos++];
        if (c == '\\' && q != '`' && lx->pos < lx->n && lx->s[lx->pos] != '\n') lx->pos++;
        else if (c == q) break;
    }
    emit(lx, k, start, lx->pos - start);
}

/* Go's scanNumber: sign, base prefix, digits, fraction, exponent, 'i'. */
static void lex_number(lexer *lx) {
    size_t start = lx->pos;
    const char *s = lx->s;
    static const char dec_digits[] = "0123456789_", hex_digits[] = "0123456789abcdefABCDEF_";
    const char *digits = dec_digits;
    if (lx->pos < lx->n && (s[lx->pos] == '+' || s[lx->pos] == '-')) lx->pos++;
    if (lx->pos + 1 < lx->n && s[lx->pos] == '0' && s[lx->pos + 1] && strchr("xXoObB", s[lx->pos + 1])) {
        char b = s[lx->pos + 1];
        digits = (b == 'x' || b == 'X') ? hex_digits : (b == 'o' || b == 'O') ? "01234567_" : "01_";
        lx->pos += 2;
    }
    while (lx->pos < lx->n && s[lx->pos] && strchr(digits, s[lx->pos])) lx->pos++;
    if (lx->pos < lx->n && s[lx->pos] == '.')
        for (lx->pos++; lx->pos < lx->n && s[lx->pos] && strchr(digits, s[lx->pos]);) lx->pos++;
    bool dec = digits == dec_digits, hex = digits == hex_digits;
    char c = lx->pos < lx->n ? s[lx->pos] : 0;
    if ((dec && (c == 'e' || c == 'E')) || (hex && (c == 'p' || c == 'P'))) {
        lx->pos++;
        if (lx->pos < lx->n && (s[lx->pos] == '+' || s[lx->pos] == '-')) lx->pos++;
        while (lx->pos < lx->n && s[lx->pos] && strchr(dec_digits, s[lx->pos])) lx->pos++;
    }
    if (lx->pos < lx->n && s[lx->pos] == 'i') lx->pos++;
    if (lx->pos < lx->n && is_alnum(s[lx->pos]))
        parse_fail(lx->f, start, "bad number syntax: \"%.*s\"", (int)(lx->pos + 1 - start), s + start);
    emit(lx, T_NUMBER, start, lx->pos - start);
}

static const struct {
    const char *word;
    tok_kind k;
} keywords[] = {
    {"block", T_BLOCK}, {"break", T_BREAK}, {"continue", T_CONTINUE}, {"define", T_DEFINE}, {"else", T_ELSE},
    {"end", T_END},     {"if", T_IF},       {"range", T_RANGE},       {"template", T_TEMPLATE}, {"with", T_WITH},
    {"nil", T_NIL},     {"true", T_BOOL},   {"false", T_BOOL},
};

/* An identifier, keyword, field (".x") or variable ("$x"). */
static void lex_word(lexer *lx, tok_kind k) {
    size_t start = lx->pos;
    if (k != T_IDENT) lx->pos++;
    while (lx->pos < lx->n && is_alnum(lx->s[lx->pos])) lx->pos++;
    size_t len = lx->pos - start;
    if (k == T_FIELD && len == 1) k = T_DOT;
    for (size_t i = 0; k == T_IDENT && i < sizeof keywords / sizeof *keywords; i++)
        if (strlen(keywords[i].word) == len && memcmp(keywords[i].word, lx->s + start, len) == 0) k = keywords[i].k;
    check_terminator(lx);
    emit(lx, k, start, len);
}

/* A run of spaces; a space that starts " -}}" belongs to the delimiter. */
static void lex_space(lexer *lx) {
    size_t start = lx->pos, end = lx->pos;
    while (end < lx->n && is_space(lx->s[end])) end++;
    if (starts(lx, end, "-}}")) end--;
    lx->pos = end;
    emit(lx, T_SPACE, start, end - start);
}

static const char single_tokens[] = "=|,()";
static const tok_kind single_kinds[] = {T_ASSIGN, T_PIPE, T_COMMA, T_LPAREN, T_RPAREN};

/* One token inside an action; returns false at the closing delimiter. */
static bool lex_action_token(lexer *lx, int *parens) {
    bool trim;
    size_t d = right_delim(lx, lx->pos, &trim);
    if (d) {
        if (*parens) lex_fail(lx, "unclosed left paren");
        emit(lx, T_RIGHT, lx->pos, d);
        lx->pos += d;
        lx->trim_next = trim;
        return false;
    }
    if (lx->pos >= lx->n) lex_fail(lx, "unclosed action");
    char c = lx->s[lx->pos];
    const char *single = c ? strchr(single_tokens, c) : NULL;
    if (is_space(c)) lex_space(lx);
    else if (single) {
        tok_kind k = single_kinds[single - single_tokens];
        if (k == T_LPAREN) ++*parens;
        if (k == T_RPAREN && --*parens < 0) lex_fail(lx, "unexpected right paren");
        emit(lx, k, lx->pos++, 1);
    } else if (c == ':') {
        if (!starts(lx, lx->pos, ":=")) lex_fail(lx, "expected :=");
        emit(lx, T_DECLARE, lx->pos, 2);
        lx->pos += 2;
    } else if (c == '"') lex_quoted(lx, '"', T_STRING, "unterminated quoted string");
    else if (c == '`') lex_quoted(lx, '`', T_RAW, "unterminated raw quoted string");
    else if (c == '\'') lex_quoted(lx, '\'', T_CHAR, "unterminated character constant");
    else if (c == '$') lex_word(lx, T_VAR);
    else if (c == '.' && lx->pos + 1 < lx->n && is_digit(lx->s[lx->pos + 1])) lex_number(lx);
    else if (c == '.') lex_word(lx, T_FIELD);
    else if (c == '+' || c == '-' || is_digit(c)) lex_number(lx);
    else if (is_alnum(c)) lex_word(lx, T_IDENT);
    else if (c > ' ' && c < 0x7f)
        parse_fail(lx->f, lx->pos, "unrecognized character in action: U+%04X '%c'", (unsigned char)c, c);
    else parse_fail(lx->f, lx->pos, "unrecognized character in action: U+%04X", (unsigned char)c);
    return true;
}

static void lex_all(lexer *lx) {
    while (lex_text(lx)) {
        size_t at = lx->pos;
        if (starts(lx, at, "/*")) {
            lex_comment(lx);
            continue;
        }
        emit(lx, T_LEFT, at, 0);
        int parens = 0;
        while (lex_action_token(lx, &parens)) {}
    }
    emit(lx, T_EOF, lx->n, 0);
}

/* ---- values (a model of the reflect.Values Go's executor handles) ---- */

typedef enum {
    V_MISSING, /* no value at all: "nothing piped in" */
    V_INVALID, /* Go's zero reflect.Value: a missing key; prints <no value> */
    V_NIL,     /* a JSON null held in an interface{} */
    V_BOOL, V_INT, V_FLOAT,
    V_STR,     /* string (data or computed) */
    V_JNUM,    /* json.Number: a data number */
    V_SLICE,   /* []any: a data array or set */
    V_MAP,     /* map[string]any: a data object */
} vkind;

typedef struct tval {
    vkind k;
    bool iface; /* taken out of a map or slice: still typed interface{} */
    bool b;
    int64_t i;
    double d;
    rg_value v; /* V_STR, V_JNUM, V_SLICE, V_MAP */
} tval;

static tval tv(vkind k) { return (tval){.k = k}; }
static tval tv_int(int64_t i) { return (tval){.k = V_INT, .i = i}; }
static tval tv_bool(bool b) { return (tval){.k = V_BOOL, .b = b}; }
static tval tv_str(rg_value s) { return (tval){.k = V_STR, .v = s}; }

static tval from_data(rg_value x, bool iface) {
    tval t = {.iface = iface, .v = x};
    switch ((rg_kind)x.kind) {
    case RG_BOOL: t.k = V_BOOL, t.b = x.u.b; break;
    case RG_NUMBER: t.k = V_JNUM; break;
    case RG_STRING: t.k = V_STR; break;
    case RG_ARRAY:
    case RG_SET: t.k = V_SLICE; break;
    case RG_OBJECT: t.k = V_MAP; break;
    default: t.k = V_NIL; break;
    }
    return t;
}

/* What evalPipeline does to each result: an interface{} is replaced by the
 * value inside it (nil becomes the invalid value). */
static tval unwrap(tval v) {
    if (v.k == V_NIL) return tv(V_INVALID);
    v.iface = false;
    return v;
}

static const char *go_type(tval v) {
    if (v.iface) return "interface {}";
    switch (v.k) {
    case V_BOOL: return "bool";
    case V_INT: return "int";
    case V_FLOAT: return "float64";
    case V_STR: return "string";
    case V_JNUM: return "json.Number";
    case V_SLICE: return "[]interface {}";
    case V_MAP: return "map[string]interface {}";
    default: return "<nil>";
    }
}

/* Go's truth: empty strings/slices/maps, zero numbers, false and nil are
 * false; json.Number is a string, so "0" is true. */
static bool truth(tval v) {
    switch (v.k) {
    case V_BOOL: return v.b;
    case V_INT: return v.i != 0;
    case V_FLOAT: return v.d != 0;
    case V_STR:
    case V_JNUM: return v.k == V_JNUM || v.v.len > 0;
    case V_SLICE:
    case V_MAP: return v.v.len > 0;
    default: return false;
    }
}

/* ---- parse tree ---- */

typedef struct pipe pipe;

typedef enum { A_FIELD, A_CHAIN, A_VAR, A_DOT, A_NIL, A_BOOL, A_NUM, A_STR, A_IDENT, A_PIPE } akind;

typedef struct arg {
    akind k;
    size_t pos, len;      /* source text, for error context */
    const char *name;     /* A_VAR "$x", A_IDENT function name (NUL-terminated) */
    const char **fields;  /* A_FIELD, A_VAR, A_CHAIN: the ".a.b" chain */
    size_t nfields;
    struct arg *base;     /* A_CHAIN */
    pipe *p;              /* A_PIPE */
    tval c;               /* A_BOOL, A_NUM, A_STR constants */
    bool overflow;        /* A_NUM: an integer that does not fit int */
    struct arg *next;
} arg;

typedef struct cmd {
    arg *args;
    size_t nargs;
    struct cmd *next;
} cmd;

struct pipe {
    size_t pos;
    int ndecl;
    const char *decl[2];
    bool assign;
    cmd *cmds;
};

typedef enum { N_TEXT, N_ACTION, N_IF, N_RANGE, N_WITH, N_BREAK, N_CONTINUE, N_TEMPLATE, N_END, N_ELSE } nkind;

typedef struct node {
    nkind k;
    size_t pos;
    const char *text; /* N_TEXT: source text; N_TEMPLATE: the name */
    size_t len;
    pipe *p;
    struct node *list, *else_list;
    struct node *next;
} node;

typedef struct tdef {
    const char *name;
    size_t len;
    node *list;
    struct tdef *next;
} tdef;

/* ---- parser ---- */

typedef struct parser {
    tfail *f;
    const char *src;
    const tok *toks;
    size_t i, last; /* next token; position of the last one read */
    rg_arena *a;
    const char **vars; /* declared variables in scope */
    size_t nvars, vcap;
    int range_depth, nest;
    tdef *defs;
} parser;

static tok next_tok(parser *p) {
    tok t = p->toks[p->i];
    if (t.k != T_EOF) p->i++;
    p->last = t.pos;
    return t;
}

static tok peek_tok(parser *p) { return p->toks[p->i]; }

static tok next_nonspace(parser *p) {
    tok t;
    do t = next_tok(p);
    while (t.k == T_SPACE);
    return t;
}

/* Skips spaces and returns the next token without consuming it. */
static tok peek_nonspace(parser *p) {
    while (p->toks[p->i].k == T_SPACE) p->i++;
    return p->toks[p->i];
}

static void back(parser *p) { p->i--; }

static _Noreturn __attribute__((format(printf, 2, 3))) void pfail(parser *p, const char *fmt, ...) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "template: %s:%zu: ", TMPL_NAME, line_of(p->src, p->last));
    va_list ap;
    va_start(ap, fmt);
    vfail(p->f, prefix, fmt, ap);
}

/* Go's description of a token in "unexpected X in Y". */
static _Noreturn void unexpected(parser *p, tok t, const char *context) {
    if (t.k == T_EOF) pfail(p, "unexpected EOF");
    if (t.k >= T_IF || t.k == T_NIL) pfail(p, "unexpected <%.*s> in %s", (int)t.len, p->src + t.pos, context);
    if (t.k == T_SPACE) pfail(p, "unexpected space in %s", context);
    pfail(p, "unexpected \"%.*s\" in %s", (int)t.len, p->src + t.pos, context);
}

static void enter(parser *p) {
    if (++p->nest > MAX_NEST) pfail(p, "template nested too deeply");
}

static void push_var(parser *p, const char *name) {
    if (p->nvars == p->vcap) {
        p->vcap = p->vcap ? 2 * p->vcap : 16;
        p->vars = rg_xrealloc(p->vars, p->vcap * sizeof *p->vars);
    }
    p->vars[p->nvars++] = name;
}

static const char *tok_str(parser *p, tok t) { return rg_arena_strndup(p->a, p->src + t.pos, t.len); }

static node *new_node(parser *p, nkind k, size_t pos) {
    node *n = rg_arena_calloc(p->a, sizeof *n);
    n->k = k;
    n->pos = pos;
    return n;
}

static arg *new_arg(parser *p, akind k, tok t) {
    arg *a = rg_arena_calloc(p->a, sizeof *a);
    a->k = k;
    a->pos = t.pos;
    a->len = t.len;
    return a;
}

/* ---- literals ---- */

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void put_utf8(rg_buf *b, uint32_t r) {
    char s[4];
    if (r < 0x80) s[0] = (char)r, rg_buf_append(b, s, 1);
    else if (r < 0x800) s[0] = (char)(0xC0 | r >> 6), s[1] = (char)(0x80 | (r & 0x3F)), rg_buf_append(b, s, 2);
    else if (r < 0x10000) {
        s[0] = (char)(0xE0 | r >> 12), s[1] = (char)(0x80 | ((r >> 6) & 0x3F)), s[2] = (char)(0x80 | (r & 0x3F));
        rg_buf_append(b, s, 3);
    } else {
        s[0] = (char)(0xF0 | r >> 18), s[1] = (char)(0x80 | ((r >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((r >> 6) & 0x3F)), s[3] = (char)(0x80 | (r & 0x3F));
        rg_buf_append(b, s, 4);
    }
}

/* Decodes one UTF-8 rune (invalid bytes as U+FFFD, length 1). */
static uint32_t u8_rune(const char *str, size_t n, size_t *len) {
    const unsigned char *s = (const unsigned char *)str;
    *len = 1;
    if (s[0] < 0x80) return s[0];
    size_t need = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (!need || s[0] > 0xF4 || n < need) return 0xFFFD;
    uint32_t r = s[0] & (0x7Fu >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0xFFFD;
        r = r << 6 | (s[i] & 0x3F);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (r < min[need] || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0xFFFD;
    *len = need;
    return r;
}

/* Go's strconv.UnquoteChar: one (possibly escaped) character of s[0..n)
 * quoted by q.  Returns the bytes used, 0 on a syntax error; *byte_val
 * tells that \x or octal produced a raw byte. */
static size_t unquote_char(const char *s, size_t n, char q, uint32_t *r, bool *byte_val) {
    *byte_val = false;
    if (s[0] != '\\') {
        size_t len;
        if (s[0] == q) return 0;
        *r = u8_rune(s, n, &len);
        return len;
    }
    if (n < 2) return 0;
    static const char esc[] = "abfnrtv\\'\"", val[] = "\a\b\f\n\r\t\v\\'\"";
    const char *e = strchr(esc, s[1]);
    if (e && s[1]) {
        if ((s[1] == '\'' || s[1] == '"') && s[1] != q) return 0;
        *r = (unsigned char)val[e - esc];
        return 2;
    }
    size_t digits = s[1] == 'x' ? 2 : s[1] == 'u' ? 4 : s[1] == 'U' ? 8 : 0;
    uint32_t v = 0;
    if (digits) {
        if (n < 2 + digits) return 0;
        for (size_t i = 0; i < digits; i++) {
            int h = hexval(s[2 + i]);
            if (h < 0 || v > 0x10FFFF) return 0;
            v = v << 4 | (uint32_t)h;
        }
        if (s[1] != 'x' && (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))) return 0;
        *byte_val = s[1] == 'x';
        *r = v;
        return 2 + digits;
    }
    if (n < 4) return 0;
    for (size_t i = 1; i < 4; i++) {
        if (s[i] < '0' || s[i] > '7') return 0;
        v = v * 8 + (uint32_t)(s[i] - '0');
    }
    if (v > 255) return 0;
    *byte_val = true;
    *r = v;
    return 4;
}

/* A string literal's value, allocated in the parse arena. */
static rg_value unquote(parser *p, tok t) {
    const char *s = p->src + t.pos + 1;
    size_t n = t.len - 2;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < n;) {
        if (t.k == T_RAW) {
            if (s[i] != '\r') rg_buf_putc(&b, s[i]);
            i++;
            continue;
        }
        uint32_t r;
        bool byte_val;
        size_t used = unquote_char(s + i, n - i, '"', &r, &byte_val);
        if (!used) {
            rg_buf_fini(&b);
            pfail(p, "invalid syntax");
        }
        if (byte_val) rg_buf_putc(&b, (char)r);
        else put_utf8(&b, r);
        i += used;
    }
    rg_value v = rg_string(p->a, b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return v;
}

/* Parses an integer literal with Go's base prefixes and underscores;
 * returns false when the text is not an integer.  *range is 0 when the
 * value fits int64, 1 when it fits only uint64, 2 when it fits neither. */
static bool parse_int_lit(const char *s, size_t n, int64_t *out, int *range) {
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    unsigned base = 10;
    if (n - i > 1 && s[i] == '0') {
        char c = s[i + 1];
        base = (c == 'x' || c == 'X') ? 16 : (c == 'o' || c == 'O') ? 8 : (c == 'b' || c == 'B') ? 2 : 8;
        i += (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') ? 2 : 1;
    }
    uint64_t v = 0;
    bool any = false, big = false;
    for (; i < n; i++) {
        if (s[i] == '_') continue;
        int d = hexval(s[i]);
        if (d < 0 || (unsigned)d >= base) return false;
        if (v > (UINT64_MAX - (unsigned)d) / base) big = true;
        v = v * base + (unsigned)d;
        any = true;
    }
    if (!any && base != 8) return false;
    *range = big || (neg && v > (uint64_t)INT64_MAX + 1) ? 2 : v > (uint64_t)INT64_MAX + neg ? 1 : 0;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

static arg *parse_number(parser *p, tok t) {
    arg *a = new_arg(p, A_NUM, t);
    const char *s = p->src + t.pos;
    if (t.k == T_CHAR) {
        uint32_t r;
        bool byte_val;
        size_t used = t.len > 2 ? unquote_char(s + 1, t.len - 1, '\'', &r, &byte_val) : 0;
        if (!used || used != t.len - 2) pfail(p, "malformed character constant: %.*s", (int)t.len, s);
        a->c = tv_int(r);
        return a;
    }
    if (s[t.len - 1] == 'i') pfail(p, "complex constants are not supported: %.*s", (int)t.len, s);
    size_t sign = s[0] == '-' || s[0] == '+';
    bool hex = t.len > sign + 1 && s[sign] == '0' && (s[sign + 1] == 'x' || s[sign + 1] == 'X');
    bool is_float = hex ? memchr(s, '.', t.len) || memchr(s, 'p', t.len) || memchr(s, 'P', t.len)
                        : memchr(s, '.', t.len) || memchr(s, 'e', t.len) || memchr(s, 'E', t.len);
    int range;
    if (!is_float && parse_int_lit(s, t.len, &a->c.i, &range)) {
        if (range == 2) pfail(p, "integer overflow: \"%.*s\"", (int)t.len, s);
        a->c.k = V_INT;
        a->overflow = range == 1; /* a uint64: Go fails when it is used */
        return a;
    }
    char buf[128];
    size_t w = 0;
    for (size_t i = 0; i < t.len && w + 1 < sizeof buf; i++)
        if (s[i] != '_') buf[w++] = s[i];
    buf[w] = 0;
    char *end;
    double d = strtod(buf, &end);
    if (!is_float || *end || w == 0) pfail(p, "illegal number syntax: \"%.*s\"", (int)t.len, s);
    a->c = (tval){.k = V_FLOAT, .d = d};
    return a;
}

/* ---- pipelines and operands ---- */

static pipe *parse_pipeline(parser *p, const char *context, tok_kind end);

static bool func_known(const char *name);

static bool var_declared(parser *p, const char *name) {
    for (size_t i = p->nvars; i-- > 0;)
        if (strcmp(p->vars[i], name) == 0) return true;
    return false;
}

static arg *parse_term(parser *p) {
    tok t = next_nonspace(p);
    arg *a;
    switch (t.k) {
    case T_IDENT:
        a = new_arg(p, A_IDENT, t);
        a->name = tok_str(p, t);
        if (!func_known(a->name)) pfail(p, "function \"%s\" not defined", a->name);
        return a;
    case T_DOT: return new_arg(p, A_DOT, t);
    case T_NIL: return new_arg(p, A_NIL, t);
    case T_VAR:
        a = new_arg(p, A_VAR, t);
        a->name = tok_str(p, t);
        if (!var_declared(p, a->name)) pfail(p, "undefined variable \"%s\"", a->name);
        return a;
    case T_FIELD:
        a = new_arg(p, A_FIELD, t);
        a->fields = rg_arena_alloc(p->a, sizeof *a->fields);
        a->fields[a->nfields++] = rg_arena_strndup(p->a, p->src + t.pos + 1, t.len - 1);
        return a;
    case T_BOOL:
        a = new_arg(p, A_BOOL, t);
        a->c = tv_bool(p->src[t.pos] == 't');
        return a;
    case T_CHAR:
    case T_NUMBER: return parse_number(p, t);
    case T_STRING:
    case T_RAW:
        a = new_arg(p, A_STR, t);
        a->c = tv_str(unquote(p, t));
        return a;
    case T_LPAREN:
        enter(p);
        a = new_arg(p, A_PIPE, t);
        a->p = parse_pipeline(p, "parenthesized pipeline", T_RPAREN);
        a->len = p->toks[p->i - 1].pos + 1 - t.pos;
        p->nest--;
        return a;
    default: back(p); return NULL;
    }
}

/* A term followed by an optional ".a.b" field chain. */
static arg *parse_operand(parser *p) {
    arg *t = parse_term(p);
    if (!t || peek_tok(p).k != T_FIELD) return t;
    if (t->k == A_BOOL || t->k == A_STR || t->k == A_NUM || t->k == A_NIL || t->k == A_DOT)
        pfail(p, "unexpected . after term \"%.*s\"", (int)t->len, p->src + t->pos);
    if (t->k != A_FIELD && t->k != A_VAR) {
        arg *chain = rg_arena_calloc(p->a, sizeof *chain);
        *chain = (arg){.k = A_CHAIN, .pos = t->pos, .len = t->len, .base = t};
        t = chain;
    }
    size_t cap = t->nfields;
    while (peek_tok(p).k == T_FIELD) {
        tok f = next_tok(p);
        if (t->nfields == cap) {
            const char **grown = rg_arena_alloc(p->a, (2 * cap + 2) * sizeof *grown);
            if (t->nfields) memcpy(grown, t->fields, t->nfields * sizeof *grown);
            t->fields = grown;
            cap = 2 * cap + 2;
        }
        t->fields[t->nfields++] = rg_arena_strndup(p->a, p->src + f.pos + 1, f.len - 1);
        t->len = f.pos + f.len - t->pos;
    }
    return t;
}

static cmd *parse_command(parser *p) {
    cmd *c = rg_arena_calloc(p->a, sizeof *c);
    arg **tail = &c->args;
    for (;;) {
        peek_nonspace(p);
        arg *a = parse_operand(p);
        if (a) {
            *tail = a;
            tail = &a->next;
            c->nargs++;
        }
        tok t = next_tok(p);
        if (t.k == T_SPACE) continue;
        if (t.k == T_RIGHT || t.k == T_RPAREN) back(p);
        else if (t.k != T_PIPE) unexpected(p, t, "operand");
        break;
    }
    if (!c->nargs) pfail(p, "empty command");
    return c;
}

/* "$x :=", "$x =" or (range only) "$i, $x :=" at the start of a pipeline. */
static void parse_decl(parser *p, pipe *pp, const char *context) {
    for (;;) {
        tok v = peek_nonspace(p);
        if (v.k != T_VAR) return;
        size_t save = p->i;
        next_tok(p);
        tok nx = peek_nonspace(p);
        if (nx.k != T_ASSIGN && nx.k != T_DECLARE && nx.k != T_COMMA) {
            p->i = save;
            return;
        }
        next_tok(p);
        const char *name = tok_str(p, v);
        pp->decl[pp->ndecl++] = name;
        push_var(p, name);
        if (nx.k != T_COMMA) {
            pp->assign = nx.k == T_ASSIGN;
            return;
        }
        if (strcmp(context, "range") != 0 || pp->ndecl >= 2) pfail(p, "too many declarations in %s", context);
        tok_kind k = peek_nonspace(p).k;
        if (k != T_VAR && k != T_RIGHT && k != T_RPAREN) pfail(p, "range can only initialize variables");
    }
}

static pipe *parse_pipeline(parser *p, const char *context, tok_kind end) {
    pipe *pp = rg_arena_calloc(p->a, sizeof *pp);
    pp->pos = peek_nonspace(p).pos;
    parse_decl(p, pp, context);
    cmd **tail = &pp->cmds;
    for (;;) {
        tok t = next_nonspace(p);
        if (t.k == end) break;
        switch (t.k) {
        case T_BOOL: case T_CHAR: case T_DOT: case T_FIELD: case T_IDENT: case T_NUMBER: case T_NIL:
        case T_RAW: case T_STRING: case T_VAR: case T_LPAREN:
            back(p);
            *tail = parse_command(p);
            tail = &(*tail)->next;
            break;
        default: unexpected(p, t, context);
        }
    }
    if (!pp->cmds) pfail(p, "missing value for %s", context);
    int stage = 1;
    for (cmd *c = pp->cmds->next; c; c = c->next) {
        stage++;
        akind k = c->args->k;
        if (k == A_BOOL || k == A_DOT || k == A_NIL || k == A_NUM || k == A_STR)
            pfail(p, "non executable command in pipeline stage %d", stage);
    }
    return pp;
}

/* ---- actions and control structures ---- */

static node *parse_list(parser *p, nkind *term);
static node *parse_action(parser *p);

static void expect_right(parser *p, const char *context) {
    tok t = next_nonspace(p);
    if (t.k != T_RIGHT) unexpected(p, t, context);
}

/* if / range / with: pipeline, list, optional else (or else-if chain). */
static node *parse_control(parser *p, nkind k, const char *context, size_t pos) {
    size_t mark = p->nvars;
    enter(p);
    node *n = new_node(p, k, pos);
    n->p = parse_pipeline(p, context, T_RIGHT);
    nkind term;
    p->range_depth += k == N_RANGE;
    n->list = parse_list(p, &term);
    p->range_depth -= k == N_RANGE;
    if (term == N_ELSE) {
        tok t = peek_tok(p);
        if ((k == N_IF && t.k == T_IF) || (k == N_WITH && t.k == T_WITH)) {
            next_tok(p);
            n->else_list = parse_control(p, k, context, t.pos);
        } else {
            n->else_list = parse_list(p, &term);
            if (term != N_END) pfail(p, "expected end; found {{else}}");
        }
    }
    p->nvars = mark;
    p->nest--;
    return n;
}

static const char *parse_template_name(parser *p, tok t, const char *context, size_t *len) {
    if (t.k != T_STRING && t.k != T_RAW) unexpected(p, t, context);
    rg_value s = unquote(p, t);
    *len = s.len;
    return s.u.s;
}

/* The body of a define/block: a fresh variable scope holding only "$". */
static node *parse_body(parser *p, const char *context) {
    size_t mark = p->nvars;
    int range_depth = p->range_depth;
    const char **saved = mark ? rg_arena_memdup(p->a, p->vars, mark * sizeof *p->vars) : NULL;
    p->nvars = 0;
    p->range_depth = 0;
    push_var(p, "$");
    nkind term;
    node *list = parse_list(p, &term);
    if (term != N_END) pfail(p, "unexpected {{else}} in %s", context);
    if (mark) memcpy(p->vars, saved, mark * sizeof *p->vars);
    p->nvars = mark;
    p->range_depth = range_depth;
    return list;
}

static void add_def(parser *p, const char *name, size_t len, node *list) {
    tdef *d = rg_arena_calloc(p->a, sizeof *d);
    *d = (tdef){name, len, list, p->defs};
    p->defs = d; /* newest first: a later definition wins */
}

/* {{template "name" [pipeline]}} and {{block "name" pipeline}}...{{end}} */
static node *parse_template(parser *p, size_t pos, bool block) {
    const char *context = block ? "block clause" : "template clause";
    node *n = new_node(p, N_TEMPLATE, pos);
    n->text = parse_template_name(p, next_nonspace(p), context, &n->len);
    if (next_nonspace(p).k != T_RIGHT) {
        back(p);
        n->p = parse_pipeline(p, context, T_RIGHT);
    } else if (block) {
        pfail(p, "missing value for %s", context);
    }
    if (block) {
        enter(p);
        add_def(p, n->text, n->len, parse_body(p, "block clause"));
        p->nest--;
    }
    return n;
}

static node *parse_action(parser *p) {
    tok t = next_nonspace(p);
    switch (t.k) {
    case T_BLOCK: return parse_template(p, t.pos, true);
    case T_TEMPLATE: return parse_template(p, t.pos, false);
    case T_IF: return parse_control(p, N_IF, "if", t.pos);
    case T_RANGE: return parse_control(p, N_RANGE, "range", t.pos);
    case T_WITH: return parse_control(p, N_WITH, "with", t.pos);
    case T_END: expect_right(p, "end"); return new_node(p, N_END, t.pos);
    case T_ELSE: {
        tok nx = peek_nonspace(p);
        /* "else if"/"else with": the if/with is left for parse_control */
        if (nx.k != T_IF && nx.k != T_WITH) expect_right(p, "else");
        return new_node(p, N_ELSE, t.pos);
    }
    case T_BREAK:
    case T_CONTINUE: {
        const char *word = t.k == T_BREAK ? "break" : "continue";
        expect_right(p, word);
        if (!p->range_depth) pfail(p, "{{%s}} outside {{range}}", word);
        return new_node(p, t.k == T_BREAK ? N_BREAK : N_CONTINUE, t.pos);
    }
    default: break;
    }
    back(p);
    node *n = new_node(p, N_ACTION, peek_nonspace(p).pos);
    n->p = parse_pipeline(p, "command", T_RIGHT);
    return n;
}

static node *text_or_action(parser *p) {
    tok t = next_tok(p);
    if (t.k == T_TEXT) {
        node *n = new_node(p, N_TEXT, t.pos);
        n->text = p->src + t.pos;
        n->len = t.len;
        return n;
    }
    if (t.k != T_LEFT) unexpected(p, t, "input");
    return parse_action(p);
}

/* Nodes up to an {{end}} or {{else}}, whose kind goes to *term. */
static node *parse_list(parser *p, nkind *term) {
    node *head = NULL, **tail = &head;
    for (;;) {
        node *n = text_or_action(p);
        if (n->k == N_END || n->k == N_ELSE) {
            *term = n->k;
            return head;
        }
        *tail = n;
        tail = &n->next;
    }
}

static void parse_define(parser *p) {
    size_t len;
    const char *name = parse_template_name(p, next_nonspace(p), "define clause", &len);
    expect_right(p, "define clause");
    add_def(p, name, len, parse_body(p, "define clause"));
}

/* The top level: text, actions and {{define}}s. */
static node *parse_root(parser *p) {
    node *head = NULL, **tail = &head;
    push_var(p, "$");
    while (peek_tok(p).k != T_EOF) {
        size_t save = p->i;
        if (next_tok(p).k == T_LEFT && next_nonspace(p).k == T_DEFINE) {
            parse_define(p);
            continue;
        }
        p->i = save;
        node *n = text_or_action(p);
        if (n->k == N_END || n->k == N_ELSE) pfail(p, "unexpected {{%s}}", n->k == N_END ? "end" : "else");
        *tail = n;
        tail = &n->next;
    }
    return head;
}

/* ---- executor ---- */

typedef struct tvar {
    const char *name;
    tval v;
} tvar;

typedef struct exec {
    tfail *f;
    rg_bi_ctx *ctx;
    rg_arena *a; /* scratch: strings computed while executing */
    const char *src;
    const tdef *defs;
    rg_buf out;
    tvar *vars;
    size_t nvars, vcap;
    size_t var_base; /* a {{template}} body sees only its own variables */
    size_t steps;
    int depth;
    size_t at_pos, at_len; /* the node being evaluated, for messages */
} exec;

enum { WALK_OK = 0, WALK_BREAK, WALK_CONTINUE };

static void at(exec *e, size_t pos, size_t len) {
    e->at_pos = pos;
    e->at_len = len;
}

/* "template: template:LINE:COL: executing "template" at <CONTEXT>: MSG",
 * the context being the node's text cut at 20 bytes as Go does. */
static _Noreturn __attribute__((format(printf, 2, 3))) void efail(exec *e, const char *fmt, ...) {
    size_t line_start = e->at_pos;
    while (line_start > 0 && e->src[line_start - 1] != '\n') line_start--;
    rg_buf prefix = RG_BUF_INIT;
    int clen = e->at_len > 20 ? 20 : (int)e->at_len;
    rg_buf_printf(&prefix, "template: %s:%zu:%zu: executing \"%s\" at <%.*s%s>: ", TMPL_NAME,
                  line_of(e->src, e->at_pos), e->at_pos - line_start, TMPL_NAME, clen, e->src + e->at_pos,
                  e->at_len > 20 ? "..." : "");
    rg_buf_append(&e->f->msg, prefix.data, prefix.len);
    rg_buf_fini(&prefix);
    va_list ap;
    va_start(ap, fmt);
    vfail(e->f, "", fmt, ap);
}

/* Every node, argument and printed element costs a step; computed
 * strings are kept until the end, so their total size is bounded too. */
static void step(exec *e) {
    if (++e->steps > MAX_STEPS) efail(e, "template execution exceeds %zu steps", MAX_STEPS);
    if (e->a->total > MAX_SCRATCH) efail(e, "template execution exceeds %zu bytes of memory", MAX_SCRATCH);
}

/* Work proportional to a byte count (copies, comparisons). */
static void charge(exec *e, size_t bytes) {
    e->steps += bytes >> 10;
    step(e);
}

static void out_append(exec *e, const char *s, size_t n) {
    charge(e, n);
    if (e->out.len + n > MAX_OUTPUT) efail(e, "template output exceeds %zu bytes", MAX_OUTPUT);
    rg_buf_append(&e->out, s, n);
}

static void exec_push(exec *e, const char *name, tval v) {
    if (e->nvars == e->vcap) {
        e->vcap = e->vcap ? 2 * e->vcap : 16;
        e->vars = rg_xrealloc(e->vars, e->vcap * sizeof *e->vars);
    }
    e->vars[e->nvars++] = (tvar){name, v};
}

static tvar *find_var(exec *e, const char *name) {
    for (size_t i = e->nvars; i-- > e->var_base;)
        if (strcmp(e->vars[i].name, name) == 0) return &e->vars[i];
    efail(e, "undefined variable: %s", name);
}

/* ---- fmt: Go's %v of the values ---- */

static void fmt_value(exec *e, rg_buf *b, tval v, int depth);

/* Go's %v of a float64: the shortest digits that read back exactly, in
 * %e form when the exponent is < -4 or >= 6 (strconv's 'g' with the
 * shortest precision), e.g. 1.5, 1e+06, 1e-05. */
static void fmt_float(rg_buf *b, double d) {
    if (d != d) {
        rg_buf_puts(b, "NaN");
        return;
    }
    if (d > 1.7976931348623157e308 || d < -1.7976931348623157e308) {
        rg_buf_puts(b, d > 0 ? "+Inf" : "-Inf");
        return;
    }
    char buf[48], digits[24];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, d);
        if (strtod(buf, NULL) == d) break;
    }
    const char *p = buf;
    if (*p == '-') rg_buf_putc(b, *p++);
    int nd = 0;
    for (; *p && *p != 'e' && nd < (int)sizeof digits; p++)
        if (*p != '.') digits[nd++] = *p;
    int exp = *p == 'e' ? atoi(p + 1) : 0;
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    if (exp < -4 || exp >= 6) {
        rg_buf_putc(b, digits[0]);
        if (nd > 1) rg_buf_putc(b, '.'), rg_buf_append(b, digits + 1, (size_t)nd - 1);
        rg_buf_printf(b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    } else if (exp < 0) {
        rg_buf_puts(b, "0.");
        for (int i = 0; i < -exp - 1; i++) rg_buf_putc(b, '0');
        rg_buf_append(b, digits, (size_t)nd);
    } else {
        for (int i = 0; i <= exp; i++) rg_buf_putc(b, i < nd ? digits[i] : '0');
        if (nd > exp + 1) rg_buf_putc(b, '.'), rg_buf_append(b, digits + exp + 1, (size_t)(nd - exp - 1));
    }
}

/* The Go text of a map key: the string itself, or the JSON text of a
 * non-string key (as OPA's conversion writes it). */
static rg_value key_text(exec *e, rg_value k) {
    if (k.kind == RG_STRING) return k;
    char *s = rg_json_dump(k, 0);
    rg_value t = rg_cstring(e->a, s);
    free(s);
    return t;
}

typedef struct kv {
    rg_value key, val;
} kv;

static int kv_cmp(const void *x, const void *y) {
    rg_value a = ((const kv *)x)->key, b = ((const kv *)y)->key;
    int c = memcmp(a.u.s, b.u.s, a.len < b.len ? a.len : b.len);
    return c ? c : (a.len > b.len) - (a.len < b.len);
}

static bool odd_keys(rg_value obj) {
    return obj.len && (rg_obj_key(obj, 0).kind != RG_STRING || rg_obj_key(obj, obj.len - 1).kind != RG_STRING);
}

/* A map's entries in Go's order (sorted by key text).  With only string
 * keys the object is already in that order and NULL is returned (use
 * map_entry); otherwise a sorted copy is made in scratch memory. */
static kv *map_entries(exec *e, rg_value obj) {
    if (!odd_keys(obj)) return NULL;
    e->steps += obj.len; /* the copy costs work like iterating it */
    step(e);
    kv *ents = rg_arena_alloc(e->a, obj.len * sizeof *ents);
    for (size_t i = 0; i < obj.len; i++) ents[i] = (kv){key_text(e, rg_obj_key(obj, i)), rg_obj_val(obj, i)};
    qsort(ents, obj.len, sizeof *ents, kv_cmp);
    return ents;
}

static kv map_entry(rg_value obj, const kv *ents, size_t i) {
    return ents ? ents[i] : (kv){rg_obj_key(obj, i), rg_obj_val(obj, i)};
}

/* The value under a key text, or RG_UNDEFINED. */
static rg_value map_lookup(exec *e, rg_value obj, const char *key, size_t len) {
    long i = rg_object_find(obj, rg_string_static(key, len));
    if (i >= 0) return rg_obj_val(obj, (size_t)i);
    kv *ents = map_entries(e, obj);
    for (size_t k = 0; ents && k < obj.len; k++)
        if (ents[k].key.len == len && memcmp(ents[k].key.u.s, key, len) == 0) return ents[k].val;
    return rg_undefined();
}

static void fmt_data(exec *e, rg_buf *b, rg_value x, int depth) {
    if (depth > MAX_PRINT_DEPTH) efail(e, "value nested too deeply to print");
    step(e);
    if (x.kind == RG_ARRAY || x.kind == RG_SET) {
        rg_buf_putc(b, '[');
        for (size_t i = 0; i < x.len; i++) {
            if (i) rg_buf_putc(b, ' ');
            fmt_data(e, b, x.u.items[i], depth + 1);
        }
        rg_buf_putc(b, ']');
    } else if (x.kind == RG_OBJECT) {
        kv *ents = map_entries(e, x);
        rg_buf_puts(b, "map[");
        for (size_t i = 0; i < x.len; i++) {
            kv ent = map_entry(x, ents, i);
            if (i) rg_buf_putc(b, ' ');
            rg_buf_append(b, ent.key.u.s, ent.key.len);
            rg_buf_putc(b, ':');
            fmt_data(e, b, ent.val, depth + 1);
        }
        rg_buf_putc(b, ']');
    } else {
        fmt_value(e, b, from_data(x, false), depth);
    }
}

static void fmt_value(exec *e, rg_buf *b, tval v, int depth) {
    switch (v.k) {
    case V_BOOL: rg_buf_puts(b, v.b ? "true" : "false"); break;
    case V_INT: rg_buf_printf(b, "%lld", (long long)v.i); break;
    case V_FLOAT: fmt_float(b, v.d); break;
    case V_STR: charge(e, v.v.len), rg_buf_append(b, v.v.u.s, v.v.len); break;
    case V_JNUM: rg_num_write(b, v.v); break;
    case V_SLICE:
    case V_MAP: fmt_data(e, b, v.v, depth); break;
    default: rg_buf_puts(b, "<nil>"); break;
    }
    if (b->len > MAX_OUTPUT) efail(e, "template output exceeds %zu bytes", MAX_OUTPUT);
}

static bool is_stringish(tval v) { return v.k == V_STR || v.k == V_JNUM; }

/* fmt.Sprint (spaces between operands when neither is a string) or
 * fmt.Sprintln (always spaces, then a newline). */
static void go_sprint(exec *e, rg_buf *b, const tval *args, size_t n, bool ln) {
    for (size_t i = 0; i < n; i++) {
        if (i && (ln || (!is_stringish(args[i - 1]) && !is_stringish(args[i])))) rg_buf_putc(b, ' ');
        fmt_value(e, b, args[i], 0);
    }
    if (ln) rg_buf_putc(b, '\n');
}

static tval buf_value(exec *e, rg_buf *b) {
    tval v = tv_str(rg_string(e->a, b->data ? b->data : "", b->len));
    rg_buf_fini(b);
    return v;
}

/* ---- builtin functions ---- */

typedef tval (*tfunc)(exec *e, const char *name, tval *args, size_t n);

/* Go's evalArgs for html/js/urlquery: a single string as is, otherwise
 * fmt.Sprint with missing values shown as <no value>. */
static void eval_args_text(exec *e, rg_buf *b, tval *args, size_t n) {
    if (n == 1 && args[0].k == V_STR) {
        rg_buf_append(b, args[0].v.u.s, args[0].v.len);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (args[i].k == V_INVALID || args[i].k == V_NIL) args[i] = tv_str(rg_string_static("<no value>", 10));
    go_sprint(e, b, args, n, false);
}

static tval fn_html(exec *e, const char *name, tval *args, size_t n) {
    rg_buf in = RG_BUF_INIT, b = RG_BUF_INIT;
    eval_args_text(e, &in, args, n);
    for (size_t i = 0; i < in.len; i++) {
        switch (in.data[i]) {
        case '"': rg_buf_puts(&b, "&#34;"); break;
        case '\'': rg_buf_puts(&b, "&#39;"); break;
        case '&': rg_buf_puts(&b, "&amp;"); break;
        case '<': rg_buf_puts(&b, "&lt;"); break;
        case '>': rg_buf_puts(&b, "&gt;"); break;
        case '\0': rg_buf_puts(&b, "\xEF\xBF\xBD"); break;
        default: rg_buf_putc(&b, in.data[i]);
        }
    }
    rg_buf_fini(&in);
    return buf_value(e, &b);
}

static void js_rune(rg_buf *b, const char *s, size_t n, size_t *used) {
    unsigned char c = (unsigned char)s[0];
    static const char special[] = "\\'\"<>&=";
    static const char *const repl[] = {"\\\\", "\\'", "\\\"", "\\u003C", "\\u003E", "\\u0026", "\\u003D"};
    const char *sp = c ? strchr(special, c) : NULL;
    *used = 1;
    if (sp) rg_buf_puts(b, repl[sp - special]);
    else if (c < ' ') rg_buf_printf(b, "\\u00%02X", c);
    else if (c < 0x80) rg_buf_putc(b, (char)c);
    else {
        uint32_t r = u8_rune(s, n, used);
        if (r == 0xFFFD && *used == 1) rg_buf_puts(b, "\\uFFFD");
        else rg_buf_append(b, s, *used);
    }
}

static tval fn_js(exec *e, const char *name, tval *args, size_t n) {
    rg_buf in = RG_BUF_INIT, b = RG_BUF_INIT;
    eval_args_text(e, &in, args, n);
    for (size_t i = 0, used; i < in.len; i += used) js_rune(&b, in.data + i, in.len - i, &used);
    rg_buf_fini(&in);
    return buf_value(e, &b);
}

static tval fn_urlquery(exec *e, const char *name, tval *args, size_t n) {
    rg_buf in = RG_BUF_INIT, b = RG_BUF_INIT;
    eval_args_text(e, &in, args, n);
    for (size_t i = 0; i < in.len; i++) {
        unsigned char c = (unsigned char)in.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c))
            rg_buf_putc(&b, (char)c);
        else if (c == ' ') rg_buf_putc(&b, '+');
        else rg_buf_printf(&b, "%%%02X", c);
    }
    rg_buf_fini(&in);
    return buf_value(e, &b);
}

static tval fn_print(exec *e, const char *name, tval *args, size_t n) {
    rg_buf b = RG_BUF_INIT;
    go_sprint(e, &b, args, n, name[5] == 'l');
    return buf_value(e, &b);
}

/* printf goes through the sprintf builtin (Go's fmt verbs); values it has
 * no Go type for are handed over as their %v text. */
static tval fn_printf(exec *e, const char *name, tval *args, size_t n) {
    if (args[0].k != V_STR) efail(e, "wrong type for value; expected string; got %s", go_type(args[0]));
    rg_value *items = rg_arena_alloc(e->a, (n ? n : 1) * sizeof *items);
    for (size_t i = 1; i < n; i++) {
        tval v = args[i];
        if (v.k == V_INT) items[i - 1] = rg_int(v.i);
        else if (v.k == V_FLOAT) items[i - 1] = rg_num_from_double(v.d);
        else if (v.k == V_STR) items[i - 1] = v.v;
        else {
            rg_buf b = RG_BUF_INIT;
            fmt_value(e, &b, v, 0);
            items[i - 1] = buf_value(e, &b).v;
        }
    }
    const rg_builtin_def *def = rg_builtin_lookup("sprintf");
    rg_value sargs[2] = {args[0].v, rg_array(e->a, items, n - 1)}, s;
    if (!def || def->fn(e->ctx, sargs, 2, &s) != RG_BI_OK) efail(e, "error calling printf");
    return tv_str(s);
}

static tval fn_len(exec *e, const char *name, tval *args, size_t n) {
    tval v = unwrap(args[0]);
    if (v.k == V_STR || v.k == V_JNUM || v.k == V_SLICE || v.k == V_MAP) {
        if (v.k == V_JNUM) {
            rg_buf b = RG_BUF_INIT;
            rg_num_write(&b, v.v);
            size_t len = b.len;
            rg_buf_fini(&b);
            return tv_int((int64_t)len);
        }
        return tv_int((int64_t)v.v.len);
    }
    if (v.k == V_INVALID) efail(e, "error calling len: reflect: call of reflect.Value.Type on zero Value");
    efail(e, "error calling len: len of type %s", go_type(v));
}

static tval fn_not(exec *e, const char *name, tval *args, size_t n) { return tv_bool(!truth(unwrap(args[0]))); }

static tval fn_call(exec *e, const char *name, tval *args, size_t n) {
    tval f = unwrap(args[0]);
    if (f.k == V_INVALID) efail(e, "error calling call: call of nil");
    efail(e, "error calling call: non-function of type %s", go_type(f));
}

/* Go's indexArg: an int index within [0, cap]. */
static int64_t index_arg(exec *e, const char *name, tval i, size_t cap) {
    i = unwrap(i);
    if (i.k == V_INVALID) efail(e, "error calling %s: cannot index slice/array with nil", name);
    if (i.k != V_INT) efail(e, "error calling %s: cannot index slice/array with type %s", name, go_type(i));
    if (i.i < 0 || (uint64_t)i.i > cap) efail(e, "error calling %s: index out of range: %lld", name, (long long)i.i);
    return i.i;
}

/* The text of a string-kind value (json.Number text is computed). */
static rg_value str_of(exec *e, tval v) {
    if (v.k == V_STR) return v.v;
    rg_buf b = RG_BUF_INIT;
    rg_num_write(&b, v.v);
    return buf_value(e, &b).v;
}

static tval index_one(exec *e, tval item, tval idx) {
    if (item.k == V_SLICE || item.k == V_STR || item.k == V_JNUM) {
        rg_value s = item.k == V_SLICE ? item.v : str_of(e, item);
        int64_t x = index_arg(e, "index", idx, s.len);
        if ((size_t)x == s.len) efail(e, "error calling index: reflect: slice index out of range");
        if (item.k == V_SLICE) return from_data(s.u.items[x], true);
        return tv_int((unsigned char)s.u.s[x]); /* a byte */
    }
    if (item.k == V_MAP) {
        idx = unwrap(idx);
        if (idx.k == V_INVALID) efail(e, "error calling index: value is nil; should be of type string");
        if (idx.k != V_STR) efail(e, "error calling index: value has type %s; should be string", go_type(idx));
        rg_value val = map_lookup(e, item.v, idx.v.u.s, idx.v.len);
        return rg_is_undef(val) ? tv(V_NIL) /* the zero interface{} */ : from_data(val, true);
    }
    efail(e, "error calling index: can't index item of type %s", go_type(item));
}

static tval fn_index(exec *e, const char *name, tval *args, size_t n) {
    tval item = unwrap(args[0]);
    if (item.k == V_INVALID) efail(e, "error calling index: index of untyped nil");
    for (size_t i = 1; i < n; i++) {
        if (item.k == V_NIL) efail(e, "error calling index: index of nil pointer");
        item = index_one(e, unwrap(item), args[i]);
    }
    return item;
}

static tval fn_slice(exec *e, const char *name, tval *args, size_t n) {
    tval item = unwrap(args[0]);
    if (item.k == V_INVALID) efail(e, "error calling slice: slice of untyped nil");
    if (n > 4) efail(e, "error calling slice: too many slice indexes: %zu", n - 1);
    if (item.k != V_SLICE && item.k != V_STR && item.k != V_JNUM)
        efail(e, "error calling slice: can't slice item of type %s", go_type(item));
    if (item.k != V_SLICE && n == 4) efail(e, "error calling slice: cannot 3-index slice a string");
    rg_value s = item.k == V_SLICE ? item.v : str_of(e, item);
    int64_t idx[3] = {0, (int64_t)s.len, (int64_t)s.len};
    for (size_t i = 1; i < n; i++) idx[i - 1] = index_arg(e, "slice", args[i], s.len);
    for (int i = 0; i + 1 < (n == 4 ? 3 : 2); i++)
        if (idx[i] > idx[i + 1])
            efail(e, "error calling slice: invalid slice index: %lld > %lld", (long long)idx[i],
                  (long long)idx[i + 1]);
    size_t from = (size_t)idx[0], len = (size_t)(idx[1] - idx[0]);
    if (item.k != V_SLICE) {
        tval r = item;
        r.v = rg_string(e->a, s.u.s + from, len);
        r.k = V_STR;
        r.iface = false;
        return r;
    }
    /* values are immutable, so the slice shares the items */
    return (tval){.k = V_SLICE, .v = len ? rg_array_take((rg_value *)(s.u.items + from), len) : rg_empty_array()};
}

/* ---- comparisons (Go's eq, lt and friends) ---- */

enum { K_INVALID, K_BOOL, K_INT, K_FLOAT, K_STR };

static int basic_kind(tval v) {
    switch (v.k) {
    case V_BOOL: return K_BOOL;
    case V_INT: return K_INT;
    case V_FLOAT: return K_FLOAT;
    case V_STR:
    case V_JNUM: return K_STR;
    default: return K_INVALID;
    }
}

static int str_cmp(exec *e, tval a, tval b) {
    rg_value x = str_of(e, a), y = str_of(e, b);
    charge(e, x.len < y.len ? x.len : y.len);
    int c = memcmp(x.u.s, y.u.s, x.len < y.len ? x.len : y.len);
    return c ? c : (x.len > y.len) - (x.len < y.len);
}

static bool eq2(exec *e, const char *name, tval a, tval b) {
    int k1 = basic_kind(a), k2 = basic_kind(b);
    bool va = a.k != V_INVALID, vb = b.k != V_INVALID;
    if (k1 != k2) {
        if (va && vb) efail(e, "error calling %s: incompatible types for comparison", name);
        return false;
    }
    switch (k1) {
    case K_BOOL: return a.b == b.b;
    case K_INT: return a.i == b.i;
    case K_FLOAT: return a.d == b.d;
    case K_STR: return str_cmp(e, a, b) == 0;
    default: break;
    }
    if (!va || !vb) return va == vb;
    efail(e, "error calling %s: non-comparable type %s", name, go_type(a));
}

static tval fn_eq(exec *e, const char *name, tval *args, size_t n) {
    if (n < 2) efail(e, "error calling %s: missing argument for comparison", name);
    tval a = unwrap(args[0]);
    bool r = false;
    for (size_t i = 1; i < n && !r; i++) r = eq2(e, name, a, unwrap(args[i]));
    return tv_bool(name[0] == 'n' ? !r : r);
}

static bool lt2(exec *e, const char *name, tval a, tval b) {
    int k1 = basic_kind(a), k2 = basic_kind(b);
    if (k1 == K_INVALID || k2 == K_INVALID) efail(e, "error calling %s: invalid type for comparison", name);
    if (k1 != k2) efail(e, "error calling %s: incompatible types for comparison", name);
    switch (k1) {
    case K_INT: return a.i < b.i;
    case K_FLOAT: return a.d < b.d;
    case K_STR: return str_cmp(e, a, b) < 0;
    default: efail(e, "error calling %s: invalid type for comparison", name);
    }
}

/* lt, le, gt, ge */
static tval fn_order(exec *e, const char *name, tval *args, size_t n) {
    tval a = unwrap(args[0]), b = unwrap(args[1]);
    bool lt = lt2(e, name, a, b);
    bool le = lt || eq2(e, name, a, b); /* kinds already checked: no error */
    if (name[0] == 'l') return tv_bool(name[1] == 't' ? lt : le);
    return tv_bool(name[1] == 't' ? !le : !lt);
}

typedef struct tfn {
    const char *name;
    int min, max; /* argument counts; max -1: variadic */
    tfunc fn;     /* NULL: and/or, evaluated lazily */
} tfn;

static const tfn funcs[] = {
    {"and", 1, -1, NULL},      {"call", 1, -1, fn_call},   {"eq", 1, -1, fn_eq},        {"ge", 2, 2, fn_order},
    {"gt", 2, 2, fn_order},    {"html", 0, -1, fn_html},   {"index", 1, -1, fn_index},  {"js", 0, -1, fn_js},
    {"le", 2, 2, fn_order},    {"len", 1, 1, fn_len},      {"lt", 2, 2, fn_order},      {"ne", 2, 2, fn_eq},
    {"not", 1, 1, fn_not},     {"or", 1, -1, NULL},        {"print", 0, -1, fn_print},  {"printf", 1, -1, fn_printf},
    {"println", 0, -1, fn_print}, {"slice", 1, -1, fn_slice}, {"urlquery", 0, -1, fn_urlquery},
};

static const tfn *find_func(const char *name) {
    for (size_t i = 0; i < sizeof funcs / sizeof *funcs; i++)
        if (strcmp(funcs[i].name, name) == 0) return &funcs[i];
    return NULL;
}

static bool func_known(const char *name) { return find_func(name) != NULL; }

/* ---- evaluation ---- */

static tval eval_pipeline(exec *e, tval dot, const pipe *p);
static tval eval_arg(exec *e, tval dot, const arg *a);

static void not_a_function(exec *e, const cmd *c, tval final) {
    if (c->nargs > 1 || final.k != V_MISSING)
        efail(e, "can't give argument to non-function %.*s", (int)c->args->len, e->src + c->args->pos);
}

/* One ".name" step; has_args: arguments or a piped value were given. */
static tval eval_field(exec *e, const char *name, bool has_args, tval recv) {
    if (recv.k == V_INVALID) return recv; /* a missing key stays missing */
    if (recv.k == V_NIL) efail(e, "nil pointer evaluating interface {}.%s", name);
    if (recv.k != V_MAP) efail(e, "can't evaluate field %s in type %s", name, go_type(recv));
    if (has_args) efail(e, "%s is not a method but has arguments", name);
    rg_value val = map_lookup(e, recv.v, name, strlen(name));
    return rg_is_undef(val) ? tv(V_INVALID) : from_data(val, true);
}

static tval eval_chain(exec *e, const arg *a, tval recv, const cmd *c, tval final) {
    for (size_t i = 0; i < a->nfields; i++) {
        bool last = i + 1 == a->nfields;
        bool has_args = last && c && (c->nargs > 1 || final.k != V_MISSING);
        recv = eval_field(e, a->fields[i], has_args, recv);
    }
    return recv;
}

/* Evaluates and/or lazily: the first falsy (and) or truthy (or) value,
 * else the last one. */
static tval eval_and_or(exec *e, tval dot, const char *name, const cmd *c, tval final) {
    bool is_or = name[0] == 'o';
    tval v = tv(V_INVALID);
    for (const arg *a = c ? c->args->next : NULL; a; a = a->next) {
        v = unwrap(eval_arg(e, dot, a));
        if (truth(v) == is_or) return v;
    }
    return final.k != V_MISSING ? unwrap(final) : v;
}

static tval eval_function(exec *e, tval dot, const arg *ident, const cmd *c, tval final) {
    const tfn *f = find_func(ident->name);
    size_t nargs = c ? c->nargs - 1 : 0, total = nargs + (final.k != V_MISSING);
    at(e, ident->pos, ident->len);
    if (f->max < 0 && total < (size_t)f->min)
        efail(e, "wrong number of args for %s: want at least %d got %zu", f->name, f->min, nargs);
    if (f->max >= 0 && total != (size_t)f->max)
        efail(e, "wrong number of args for %s: want %d got %zu", f->name, f->max, total);
    if (!f->fn) return eval_and_or(e, dot, f->name, c, final);
    tval *args = rg_arena_alloc(e->a, (total ? total : 1) * sizeof *args);
    size_t i = 0;
    for (const arg *a = c ? c->args->next : NULL; a; a = a->next) args[i++] = eval_arg(e, dot, a);
    if (final.k != V_MISSING) args[i++] = final;
    at(e, ident->pos, ident->len);
    return f->fn(e, f->name, args, total);
}

static tval ideal_constant(exec *e, const arg *a) {
    at(e, a->pos, a->len);
    if (a->overflow) efail(e, "%.*s overflows int", (int)a->len, e->src + a->pos);
    return a->c;
}

/* An argument of a function call (Go's evalEmptyInterface). */
static tval eval_arg(exec *e, tval dot, const arg *a) {
    at(e, a->pos, a->len);
    step(e);
    switch (a->k) {
    case A_BOOL:
    case A_STR: return a->c;
    case A_NUM: return ideal_constant(e, a);
    case A_DOT: return dot;
    case A_NIL: return tv(V_INVALID);
    case A_FIELD: return eval_chain(e, a, dot, NULL, tv(V_MISSING));
    case A_VAR: return eval_chain(e, a, find_var(e, a->name)->v, NULL, tv(V_MISSING));
    case A_CHAIN: return eval_chain(e, a, unwrap(eval_arg(e, dot, a->base)), NULL, tv(V_MISSING));
    case A_IDENT: return eval_function(e, dot, a, NULL, tv(V_MISSING));
    case A_PIPE: return eval_pipeline(e, dot, a->p);
    }
    return tv(V_INVALID);
}

static tval eval_command(exec *e, tval dot, const cmd *c, tval final) {
    const arg *first = c->args;
    at(e, first->pos, first->len);
    step(e);
    switch (first->k) {
    case A_FIELD: return eval_chain(e, first, dot, c, final);
    case A_CHAIN: {
        if (first->base->k == A_NIL) efail(e, "indirection through explicit nil");
        tval base = unwrap(eval_arg(e, dot, first->base));
        at(e, first->pos, first->len);
        return eval_chain(e, first, base, c, final);
    }
    case A_IDENT: return eval_function(e, dot, first, c, final);
    case A_VAR:
        if (!first->nfields) not_a_function(e, c, final);
        return eval_chain(e, first, find_var(e, first->name)->v, c, final);
    case A_PIPE: not_a_function(e, c, final); return eval_pipeline(e, dot, first->p);
    case A_NIL: efail(e, "nil is not a command");
    default: not_a_function(e, c, final); return eval_arg(e, dot, first);
    }
}

static tval eval_pipeline(exec *e, tval dot, const pipe *p) {
    tval v = tv(V_MISSING);
    step(e);
    for (const cmd *c = p->cmds; c; c = c->next) v = unwrap(eval_command(e, dot, c, v));
    for (int i = 0; i < p->ndecl; i++) {
        if (p->assign) find_var(e, p->decl[i])->v = v;
        else exec_push(e, p->decl[i], v);
    }
    return v;
}

/* ---- walking the tree ---- */

static int walk_list(exec *e, tval dot, const node *n);

static int walk_if_with(exec *e, tval dot, const node *n) {
    size_t mark = e->nvars;
    tval v = eval_pipeline(e, dot, n->p);
    int rc = WALK_OK;
    if (truth(v)) rc = walk_list(e, n->k == N_WITH ? v : dot, n->list);
    else if (n->else_list) rc = walk_list(e, dot, n->else_list);
    e->nvars = mark;
    return rc;
}

/* One pass of a range body with its variables set; returns true to stop. */
static bool range_iteration(exec *e, const node *n, size_t vars_at, tval index, tval elem) {
    const pipe *p = n->p;
    if (p->ndecl > 0) {
        if (p->assign) find_var(e, p->decl[0])->v = p->ndecl > 1 ? index : elem;
        else e->vars[vars_at + p->ndecl - 1].v = elem;
    }
    if (p->ndecl > 1) {
        if (p->assign) find_var(e, p->decl[1])->v = elem;
        else e->vars[vars_at].v = index;
    }
    size_t mark = e->nvars;
    step(e);
    int rc = walk_list(e, elem, n->list);
    e->nvars = mark;
    return rc == WALK_BREAK;
}

static int walk_range(exec *e, const node *n, tval dot) {
    size_t mark = e->nvars;
    tval v = eval_pipeline(e, dot, n->p);
    size_t vars_at = n->p->assign ? 0 : e->nvars - (size_t)n->p->ndecl;
    size_t count = 0;
    at(e, n->pos, 5);
    if (v.k == V_SLICE) {
        for (size_t i = 0; i < v.v.len; i++)
            if (++count, range_iteration(e, n, vars_at, tv_int((int64_t)i), from_data(v.v.u.items[i], true))) break;
    } else if (v.k == V_MAP) {
        kv *ents = map_entries(e, v.v);
        for (size_t i = 0; i < v.v.len; i++) {
            kv ent = map_entry(v.v, ents, i);
            if (++count, range_iteration(e, n, vars_at, tv_str(ent.key), from_data(ent.val, true))) break;
        }
    } else if (v.k == V_INT) {
        if (n->p->ndecl > 1) efail(e, "can't use %lld to iterate over more than one variable", (long long)v.i);
        for (int64_t i = 0; i < v.i; i++)
            if (++count, range_iteration(e, n, vars_at, tv_int(i), tv_int(i))) break;
    } else if (v.k != V_INVALID) {
        rg_buf b = RG_BUF_INIT;
        fmt_value(e, &b, v, 0);
        tval text = buf_value(e, &b);
        efail(e, "range can't iterate over %.*s", (int)text.v.len, text.v.u.s);
    }
    if (!count && n->else_list) walk_list(e, dot, n->else_list);
    e->nvars = mark;
    return WALK_OK;
}

static int walk_template(exec *e, tval dot, const node *n) {
    const tdef *d = e->defs;
    while (d && (d->len != n->len || memcmp(d->name, n->text, n->len) != 0)) d = d->next;
    at(e, n->pos, 8);
    if (!d) efail(e, "template \"%.*s\" not defined", (int)n->len, n->text);
    if (e->depth >= MAX_CALL_DEPTH) efail(e, "exceeded maximum template depth (%d)", MAX_CALL_DEPTH);
    tval val = n->p ? eval_pipeline(e, dot, n->p) : tv(V_INVALID);
    /* a template sees only its own "$", bound to its dot */
    size_t mark = e->nvars, base = e->var_base;
    exec_push(e, "$", val);
    e->var_base = mark;
    e->depth++;
    walk_list(e, val, d->list);
    e->depth--;
    e->var_base = base;
    e->nvars = mark;
    return WALK_OK;
}

static int walk(exec *e, tval dot, const node *n) {
    step(e);
    switch (n->k) {
    case N_TEXT: out_append(e, n->text, n->len); return WALK_OK;
    case N_ACTION: {
        tval v = eval_pipeline(e, dot, n->p);
        if (n->p->ndecl) return WALK_OK;
        if (v.k == V_INVALID || v.k == V_NIL) out_append(e, "<no value>", 10);
        else fmt_value(e, &e->out, v, 0);
        return WALK_OK;
    }
    case N_IF:
    case N_WITH: return walk_if_with(e, dot, n);
    case N_RANGE: return walk_range(e, n, dot);
    case N_BREAK: return WALK_BREAK;
    case N_CONTINUE: return WALK_CONTINUE;
    case N_TEMPLATE: return walk_template(e, dot, n);
    default: return WALK_OK;
    }
}

static int walk_list(exec *e, tval dot, const node *n) {
    for (; n; n = n->next) {
        int rc = walk(e, dot, n);
        if (rc) return rc;
    }
    return WALK_OK;
}

/* ---- the builtin ---- */

typedef struct render {
    tfail f;
    lexer lx;
    parser p;
    exec e;
} render;

/* Runs all three phases; returns false with r->f.msg set on an error.
 * Everything reachable from r is released by render_fini. */
static bool render_run(render *r, rg_bi_ctx *ctx, rg_arena *scratch, rg_value text, rg_value vars) {
    r->f.src = text.u.s;
    r->lx = (lexer){.f = &r->f, .s = text.u.s, .n = text.len};
    r->p = (parser){.f = &r->f, .src = text.u.s, .a = scratch};
    r->e = (exec){.f = &r->f, .ctx = ctx, .a = scratch, .src = text.u.s};
    if (setjmp(r->f.jb)) return false;
    lex_all(&r->lx);
    r->p.toks = r->lx.toks;
    node *root = parse_root(&r->p);
    r->e.defs = r->p.defs;
    tval data = from_data(vars, false);
    exec_push(&r->e, "$", data);
    walk_list(&r->e, data, root);
    return true;
}

static void render_fini(render *r) {
    free(r->lx.toks);
    free(r->p.vars);
    free(r->e.vars);
    rg_buf_fini(&r->e.out);
    rg_buf_fini(&r->f.msg);
}

/* OPA shows a missing value as <undefined> rather than Go's <no value>. */
static rg_value replace_no_value(rg_arena *a, const rg_buf *b) {
    rg_buf res = RG_BUF_INIT;
    const char *s = b->data ? b->data : "";
    size_t n = b->len;
    for (const char *p; n && (p = memmem(s, n, "<no value>", 10)) != NULL;) {
        rg_buf_append(&res, s, (size_t)(p - s));
        rg_buf_puts(&res, "<undefined>");
        n -= (size_t)(p - s) + 10;
        s = p + 10;
    }
    rg_buf_append(&res, s, n);
    rg_value v = rg_string(a, res.data ? res.data : "", res.len);
    rg_buf_fini(&res);
    return v;
}

static int bi_render_template(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_kind(ctx, args, 1, RG_T_OBJ)) return RG_BI_ERROR;
    rg_arena scratch;
    rg_arena_init(&scratch);
    render *r = rg_xcalloc(1, sizeof *r);
    int rc = RG_BI_OK;
    if (render_run(r, ctx, &scratch, args[0], args[1])) {
        if (r->e.out.len > MAX_OUTPUT) rc = rg_bi_error(ctx, "template output too large");
        else *out = replace_no_value(rg_bi_arena(ctx), &r->e.out);
    } else {
        rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&r->f.msg));
    }
    render_fini(r);
    free(r);
    rg_arena_fini(&scratch);
    return rc;
}

const rg_builtin_def rg_builtins_template[] = {
    {"strings.render_template", bi_render_template, 2, RG_ARGS(RG_T_STR, RG_T_OBJ), RG_T_STR, 0},
    {0},
};
