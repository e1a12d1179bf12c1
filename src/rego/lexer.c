/* Rego lexer (see lexer.h): identifiers, numbers, strings with JSON escapes,
 * raw strings, operators and comments, with byte-based line:col positions. */
#include "rego/lexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lexer {
    rg_arena *a;
    const char *file;
    const char *src;
    size_t len, pos;
    uint32_t line;
    size_t line_start; /* offset of the first byte of the current line */
    bool line_has_token;
    rg_diags *diags;
    int errors;
    rg_lexed *out;
    size_t cap_toks, cap_comments;
} lexer;

static const char *const kw_texts[RG_KW_COUNT_] = {
    [RG_KW_NONE] = "",          [RG_KW_PACKAGE] = "package", [RG_KW_IMPORT] = "import",
    [RG_KW_AS] = "as",          [RG_KW_DEFAULT] = "default", [RG_KW_ELSE] = "else",
    [RG_KW_NOT] = "not",        [RG_KW_SOME] = "some",       [RG_KW_WITH] = "with",
    [RG_KW_TRUE] = "true",      [RG_KW_FALSE] = "false",     [RG_KW_NULL] = "null",
    [RG_KW_IN] = "in",          [RG_KW_EVERY] = "every",     [RG_KW_CONTAINS] = "contains",
    [RG_KW_IF] = "if",
};

/* Token names as OPA's messages use them ("unexpected assign token"). */
static const char *const tok_texts[RG_TK_COUNT_] = {
    [RG_TK_EOF] = "eof",       [RG_TK_ERROR] = "illegal", [RG_TK_IDENT] = "identifier",
    [RG_TK_NUMBER] = "number", [RG_TK_STRING] = "string", [RG_TK_RAWSTRING] = "string",
    [RG_TK_TEMPLATE] = "template-string", [RG_TK_ASSIGN] = "assign", [RG_TK_UNIFY] = "eq",
    [RG_TK_EQ] = "equal",      [RG_TK_NEQ] = "neq",       [RG_TK_LT] = "lt",
    [RG_TK_LTE] = "lte",       [RG_TK_GT] = "gt",         [RG_TK_GTE] = "gte",
    [RG_TK_PLUS] = "plus",     [RG_TK_MINUS] = "minus",   [RG_TK_MUL] = "mul",
    [RG_TK_DIV] = "div",       [RG_TK_REM] = "rem",       [RG_TK_AND] = "and",
    [RG_TK_OR] = "or",         [RG_TK_LPAREN] = "(",      [RG_TK_RPAREN] = ")",
    [RG_TK_LBRACK] = "[",      [RG_TK_RBRACK] = "]",      [RG_TK_LBRACE] = "{",
    [RG_TK_RBRACE] = "}",      [RG_TK_COMMA] = ",",       [RG_TK_SEMI] = ";",
    [RG_TK_COLON] = ":",       [RG_TK_DOT] = ".",
};

rg_keyword rg_keyword_lookup(const char *s, size_t n) {
    for (int k = 1; k < RG_KW_COUNT_; k++)
        if (n && kw_texts[k][0] == s[0] && strlen(kw_texts[k]) == n && memcmp(kw_texts[k], s, n) == 0)
            return (rg_keyword)k;
    return RG_KW_NONE;
}

const char *rg_keyword_text(rg_keyword kw) {
    return (unsigned)kw < RG_KW_COUNT_ ? kw_texts[kw] : "";
}

const char *rg_tok_kind_text(rg_tok_kind k) {
    return (unsigned)k < RG_TK_COUNT_ ? tok_texts[k] : "?";
}

static uint32_t col_at(const lexer *lx, size_t off) {
    return (uint32_t)(off - lx->line_start + 1);
}

static void lex_error(lexer *lx, size_t off, const char *msg) {
    rg_diags_add(lx->diags, "rego_parse_error", lx->file, (int)lx->line, (int)col_at(lx, off), "%s", msg);
    lx->errors++;
}

static rg_token *push_token(lexer *lx, rg_tok_kind kind, size_t start, bool ws, bool nl) {
    rg_lexed *o = lx->out;
    if (o->n == lx->cap_toks) {
        lx->cap_toks = lx->cap_toks ? 2 * lx->cap_toks : 256;
        o->toks = rg_xrealloc(o->toks, lx->cap_toks * sizeof *o->toks);
    }
    rg_token *t = &o->toks[o->n++];
    memset(t, 0, sizeof *t);
    t->kind = (uint8_t)kind;
    t->ws_before = ws;
    t->nl_before = nl;
    t->line = lx->line;
    t->col = col_at(lx, start);
    t->off = start;
    t->len = lx->pos - start;
    lx->line_has_token = true;
    return t;
}

static void push_comment(lexer *lx, size_t hash) {
    rg_lexed *o = lx->out;
    if (o->n_comments == lx->cap_comments) {
        lx->cap_comments = lx->cap_comments ? 2 * lx->cap_comments : 32;
        o->comments = rg_xrealloc(o->comments, lx->cap_comments * sizeof *o->comments);
    }
    const char *nl = hash + 1 < lx->len ? memchr(lx->src + hash + 1, '\n', lx->len - hash - 1) : NULL;
    size_t end = nl ? (size_t)(nl - lx->src) : lx->len;
    size_t tlen = end - hash - 1;
    if (tlen && lx->src[end - 1] == '\r') tlen--; /* CRLF files */
    rg_comment *c = &o->comments[o->n_comments++];
    c->line = lx->line;
    c->col = col_at(lx, hash);
    c->off = hash + 1;
    c->len = tlen;
    c->own_line = !lx->line_has_token;
    lx->pos = end;
}

/* Skips whitespace and comments; reports whether any and whether a newline. */
static void skip_space(lexer *lx, bool *ws, bool *nl) {
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (c == '\n') {
            *nl = *ws = true;
            lx->pos++;
            lx->line++;
            lx->line_start = lx->pos;
            lx->line_has_token = false;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            *ws = true;
            lx->pos++;
        } else if (c == '#') {
            *ws = true;
            push_comment(lx, lx->pos);
        } else {
            break;
        }
    }
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

static size_t digits(const lexer *lx, size_t i) {
    while (i < lx->len && is_digit(lx->src[i])) i++;
    return i;
}

/* JSON number without sign: int [frac] [exp].  Leading zeros ("01") are
 * errors; "1." leaves the dot for the parser; "1e" stops before the "e". */
static rg_tok_kind lex_number(lexer *lx, size_t start) {
    size_t i = digits(lx, start);
    bool bad = lx->src[start] == '0' && i - start > 1;
    if (i + 1 < lx->len && lx->src[i] == '.' && is_digit(lx->src[i + 1])) i = digits(lx, i + 1);
    if (i < lx->len && (lx->src[i] == 'e' || lx->src[i] == 'E')) {
        size_t j = i + 1;
        if (j < lx->len && (lx->src[j] == '+' || lx->src[j] == '-')) j++;
        size_t k = digits(lx, j);
        if (k > j) i = k;
    }
    lx->pos = i;
    if (bad) {
        lex_error(lx, start, "unexpected number token: expected number without leading zero");
        return RG_TK_ERROR;
    }
    return RG_TK_NUMBER;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Reads 4 hex digits at i; -1 when malformed. */
static long hex4(const lexer *lx, size_t i) {
    if (i + 4 > lx->len) return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hexval(lx->src[i + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t put_utf8(char *d, unsigned long cp) {
    if (cp < 0x80) {
        d[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (char)(0xC0 | (cp >> 6));
        d[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (char)(0xE0 | (cp >> 12));
        d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (cp >> 18));
    d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the \u escape whose 'u' is at i (pairs surrogates like JSON
 * decoders; a lone surrogate becomes U+FFFD).  Returns the index after it,
 * or 0 when malformed. */
static size_t unicode_escape(const lexer *lx, size_t i, char *d, size_t *dn) {
    long cp = hex4(lx, i + 1);
    if (cp < 0) return 0;
    i += 5;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < lx->len && lx->src[i] == '\\' && lx->src[i + 1] == 'u') {
        long lo = hex4(lx, i + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    *dn += put_utf8(d + *dn, (unsigned long)cp);
    return i;
}

static char simple_escape(char c) {
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
    }
}

/* Decodes the escape whose backslash is at i into d; returns the index after
 * it, or 0 when it is not a valid JSON escape. */
static size_t decode_escape(const lexer *lx, size_t i, char *d, size_t *dn) {
    char e = i + 1 < lx->len ? lx->src[i + 1] : 0;
    if (e == 'u') return unicode_escape(lx, i + 1, d, dn);
    if (!simple_escape(e)) return 0;
    d[(*dn)++] = simple_escape(e);
    return i + 2;
}

/* "..." with JSON escapes; the decoded text never exceeds the raw length. */
static rg_tok_kind lex_string(lexer *lx, size_t start, const char **str, size_t *slen) {
    size_t i = start + 1, end = i;
    while (end < lx->len && lx->src[end] != '"' && lx->src[end] != '\n') end += lx->src[end] == '\\' ? 2 : 1;
    char *d = rg_arena_alloc(lx->a, (end > lx->len ? lx->len : end) - start + 1);
    size_t dn = 0;
    while (i < lx->len && lx->src[i] != '"' && lx->src[i] != '\n') {
        if (lx->src[i] != '\\') {
            d[dn++] = lx->src[i++];
            continue;
        }
        size_t next = decode_escape(lx, i, d, &dn);
        if (!next) {
            lex_error(lx, i, "illegal escape sequence in string");
            lx->pos = end < lx->len && lx->src[end] == '"' ? end + 1 : end;
            return RG_TK_ERROR;
        }
        i = next;
    }
    if (i >= lx->len || lx->src[i] != '"') {
        lex_error(lx, start, "non-terminated string");
        lx->pos = i;
        return RG_TK_ERROR;
    }
    d[dn] = 0;
    lx->pos = i + 1;
    *str = d;
    *slen = dn;
    return RG_TK_STRING;
}

/* `...` may span lines and has no escapes. */
static rg_tok_kind lex_raw_string(lexer *lx, size_t start, const char **str, size_t *slen,
                                  uint32_t *line, uint32_t *col) {
    size_t i = start + 1;
    *line = lx->line;
    *col = col_at(lx, start);
    while (i < lx->len && lx->src[i] != '`') {
        if (lx->src[i] == '\n') {
            lx->line++;
            lx->line_start = i + 1;
        }
        i++;
    }
    if (i >= lx->len) {
        rg_diags_add(lx->diags, "rego_parse_error", lx->file, (int)*line, (int)*col, "non-terminated raw string");
        lx->errors++;
        lx->pos = i;
        return RG_TK_ERROR;
    }
    *str = rg_arena_strndup(lx->a, lx->src + start + 1, i - start - 1);
    *slen = i - start - 1;
    lx->pos = i + 1;
    return RG_TK_RAWSTRING;
}

/* ---- template strings: $"text {expr} text" and $`text {expr}` ---- */

#define TEMPLATE_MAX_NEST 32

static size_t skip_template(const lexer *lx, size_t i, int depth);

/* Skips a quoted string inside a template expression; 0 when unterminated. */
static size_t skip_quoted(const lexer *lx, size_t i) {
    char q = lx->src[i++];
    while (i < lx->len && lx->src[i] != q) {
        if (q == '"' && lx->src[i] == '\n') return 0;
        i += (q == '"' && lx->src[i] == '\\') ? 2 : 1;
    }
    return i < lx->len ? i + 1 : 0;
}

/* From just after `{` to just after its matching `}`; 0 when unbalanced. */
static size_t skip_template_expr(const lexer *lx, size_t i, int depth) {
    int nest = 0;
    while (i < lx->len) {
        char c = lx->src[i];
        if (c == '}' && nest == 0) return i + 1;
        if (c == '{' || c == '}') {
            nest += c == '{' ? 1 : -1;
            i++;
        } else if (c == '"' || c == '`') {
            if (!(i = skip_quoted(lx, i))) return 0;
        } else if (c == '$' && i + 1 < lx->len && (lx->src[i + 1] == '"' || lx->src[i + 1] == '`')) {
            if (depth >= TEMPLATE_MAX_NEST || !(i = skip_template(lx, i + 1, depth + 1))) return 0;
        } else {
            i++;
        }
    }
    return 0;
}

/* From the opening quote to just after the closing one; 0 when malformed. */
static size_t skip_template(const lexer *lx, size_t i, int depth) {
    char q = lx->src[i++];
    while (i < lx->len && lx->src[i] != q) {
        char c = lx->src[i];
        if (q == '"' && c == '\n') return 0;
        if (c == '\\' && (q == '"' || (i + 1 < lx->len && (lx->src[i + 1] == '{' || lx->src[i + 1] == '}'))))
            i += 2;
        else if (c == '{') {
            if (!(i = skip_template_expr(lx, i + 1, depth))) return 0;
        } else
            i++;
    }
    return i < lx->len ? i + 1 : 0;
}

/* Advances a line counter over src[from, to). */
static void count_lines(const lexer *lx, size_t from, size_t to, uint32_t *line, size_t *line_start) {
    for (size_t i = from; i < to; i++)
        if (lx->src[i] == '\n') {
            (*line)++;
            *line_start = i + 1;
        }
}

typedef struct seg_list {
    rg_tmpl_seg *items;
    size_t n, cap;
} seg_list;

static void push_seg(seg_list *l, rg_tmpl_seg s) {
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->items = rg_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = s;
}

/* Splits the template body (quote at q0, closing quote at qe) into decoded
 * literal runs and expression spans; `\{` and `\}` are literal braces. */
static bool template_segments(lexer *lx, size_t q0, size_t qe, seg_list *segs) {
    char q = lx->src[q0];
    uint32_t line = lx->line;
    size_t line_start = lx->line_start;
    char *d = rg_arena_alloc(lx->a, qe - q0 + 1);
    size_t dn = 0, lit = 0, i = q0 + 1;
    while (i < qe) {
        char c = lx->src[i];
        if (c == '{') {
            if (dn > lit) push_seg(segs, (rg_tmpl_seg){.str = d + lit, .len = dn - lit});
            size_t j = skip_template_expr(lx, i + 1, 0);
            rg_tmpl_seg e = {.is_expr = true, .off = i + 1, .end = j - 1, .line = line,
                             .col = (uint32_t)(i + 1 - line_start + 1)};
            push_seg(segs, e);
            count_lines(lx, i, j, &line, &line_start);
            d[dn++] = 0; /* keeps literal runs NUL-terminated */
            lit = dn;
            i = j;
        } else if (c == '\\' && i + 1 < qe && (lx->src[i + 1] == '{' || lx->src[i + 1] == '}')) {
            d[dn++] = lx->src[i + 1];
            i += 2;
        } else if (c == '\\' && q == '"') {
            size_t next = decode_escape(lx, i, d, &dn);
            if (!next) {
                rg_diags_add(lx->diags, "rego_parse_error", lx->file, (int)line, (int)(i - line_start + 1),
                             "illegal escape sequence in string");
                lx->errors++;
                return false;
            }
            i = next;
        } else {
            count_lines(lx, i, i + 1, &line, &line_start);
            d[dn++] = c;
            i++;
        }
    }
    if (dn > lit) push_seg(segs, (rg_tmpl_seg){.str = d + lit, .len = dn - lit});
    d[dn] = 0;
    return true;
}

/* `$` followed by a quote: a template string token. */
static void lex_template(lexer *lx, bool ws, bool nl) {
    size_t start = lx->pos;
    uint32_t line = lx->line, col = col_at(lx, start);
    size_t end = skip_template(lx, start + 1, 0);
    seg_list segs = {0};
    rg_tok_kind k = RG_TK_TEMPLATE;
    if (!end) {
        lex_error(lx, start, "non-terminated template string");
        /* skip what it would have covered, so it is reported once */
        end = start + 2;
        while (end < lx->len && (lx->src[start + 1] == '`' || lx->src[end] != '\n')) end++;
        k = RG_TK_ERROR;
    } else if (!template_segments(lx, start + 1, end - 1, &segs)) {
        k = RG_TK_ERROR;
    }
    lx->pos = end;
    rg_token *t = push_token(lx, k, start, ws, nl);
    t->line = line;
    t->col = col;
    count_lines(lx, start, end, &lx->line, &lx->line_start);
    if (k == RG_TK_TEMPLATE && segs.n) {
        t->segs = rg_arena_memdup(lx->a, segs.items, segs.n * sizeof *segs.items);
        t->n_segs = segs.n;
    }
    free(segs.items);
}

/* Two-character operators first, then single ones; ERROR for anything else. */
static rg_tok_kind lex_operator(lexer *lx) {
    static const struct { const char *s; rg_tok_kind k; } ops[] = {
        {":=", RG_TK_ASSIGN}, {"==", RG_TK_EQ}, {"!=", RG_TK_NEQ}, {"<=", RG_TK_LTE}, {">=", RG_TK_GTE},
        {"=", RG_TK_UNIFY},   {"<", RG_TK_LT},  {">", RG_TK_GT},   {"+", RG_TK_PLUS}, {"-", RG_TK_MINUS},
        {"*", RG_TK_MUL},     {"/", RG_TK_DIV}, {"%", RG_TK_REM},  {"&", RG_TK_AND},  {"|", RG_TK_OR},
        {"(", RG_TK_LPAREN},  {")", RG_TK_RPAREN}, {"[", RG_TK_LBRACK}, {"]", RG_TK_RBRACK},
        {"{", RG_TK_LBRACE},  {"}", RG_TK_RBRACE}, {",", RG_TK_COMMA},  {";", RG_TK_SEMI},
        {":", RG_TK_COLON},   {".", RG_TK_DOT},
    };
    size_t rest = lx->len - lx->pos;
    const char *p = lx->src + lx->pos;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        /* (first characters compared inline: this runs for every token) */
        if (ops[i].s[0] != p[0]) continue;
        size_t n = ops[i].s[1] ? 2 : 1;
        if (n <= rest && (n == 1 || ops[i].s[1] == p[1])) {
            lx->pos += n;
            return ops[i].k;
        }
    }
    unsigned char c = (unsigned char)lx->src[lx->pos];
    char msg[64];
    if (c >= 0x21 && c < 0x7f) snprintf(msg, sizeof msg, "illegal token '%c'", c);
    else snprintf(msg, sizeof msg, "illegal token (byte 0x%02x)", c);
    lex_error(lx, lx->pos, msg);
    lx->pos++;
    /* skip the rest of a multi-byte UTF-8 sequence so it is reported once */
    while (lx->pos < lx->len && ((unsigned char)lx->src[lx->pos] & 0xC0) == 0x80) lx->pos++;
    return RG_TK_ERROR;
}

static void lex_one(lexer *lx, bool ws, bool nl) {
    size_t start = lx->pos;
    char c = lx->src[start];
    const char *str = NULL;
    size_t slen = 0;
    rg_tok_kind k;
    if (is_ident_start(c)) {
        while (lx->pos < lx->len && is_ident_char(lx->src[lx->pos])) lx->pos++;
        rg_token *t = push_token(lx, RG_TK_IDENT, start, ws, nl);
        t->kw = (uint8_t)rg_keyword_lookup(lx->src + start, lx->pos - start);
        return;
    }
    if (c == '$' && start + 1 < lx->len && (lx->src[start + 1] == '"' || lx->src[start + 1] == '`')) {
        lex_template(lx, ws, nl);
        return;
    }
    if (c == '`') {
        uint32_t line, col;
        k = lex_raw_string(lx, start, &str, &slen, &line, &col);
        rg_token *t = push_token(lx, k, start, ws, nl);
        t->line = line; /* the token starts on an earlier line than the lexer now is */
        t->col = col;
        t->str = str;
        t->str_len = slen;
        return;
    }
    if (is_digit(c)) k = lex_number(lx, start);
    else if (c == '"') k = lex_string(lx, start, &str, &slen);
    else k = lex_operator(lx);
    rg_token *t = push_token(lx, k, start, ws, nl);
    t->str = str;
    t->str_len = slen;
}

static int lex_all(lexer *lx) {
    for (;;) {
        bool ws = false, nl = false;
        skip_space(lx, &ws, &nl);
        if (lx->pos >= lx->len) {
            push_token(lx, RG_TK_EOF, lx->pos, ws, nl);
            break;
        }
        lex_one(lx, ws, nl);
    }
    return lx->errors ? -1 : 0;
}

int rg_lex(rg_arena *arena, const char *file, const char *src, size_t len, rg_lexed *out, rg_diags *diags) {
    memset(out, 0, sizeof *out);
    lexer lx = {.a = arena, .file = file, .src = src, .len = len, .line = 1, .diags = diags, .out = out};
    return lex_all(&lx);
}

int rg_lex_range(rg_arena *arena, const char *file, const char *src, size_t start, size_t end, uint32_t line,
                 uint32_t col, rg_lexed *out, rg_diags *diags) {
    memset(out, 0, sizeof *out);
    lexer lx = {.a = arena, .file = file, .src = src, .len = end, .pos = start, .line = line,
                .line_start = start - (col - 1), .line_has_token = true, .diags = diags, .out = out};
    return lex_all(&lx);
}

void rg_lexed_fini(rg_lexed *l) {
    free(l->toks);
    free(l->comments);
    memset(l, 0, sizeof *l);
}
