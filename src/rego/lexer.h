/* Rego lexer: source text to tokens, plus the comments (for annotations).
 *
 * The whole input is tokenized up front; the parser then walks the array
 * with free lookahead.  Words are always RG_TK_IDENT; `kw` says which
 * keyword a word spells, and the parser decides whether that keyword is
 * active (in v0, `in`, `every`, `contains` and `if` are keywords only after
 * the matching `future.keywords` import).  Newlines are not tokens: each
 * token records whether whitespace or a newline precedes it, which is all
 * the parser needs for expression separators and for `x[y]` adjacency.
 * Columns are 1-based and counted in bytes. */
#ifndef RG_REGO_LEXER_H
#define RG_REGO_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

typedef enum rg_tok_kind {
    RG_TK_EOF,
    RG_TK_ERROR, /* malformed input, already reported by the lexer */
    RG_TK_IDENT,
    RG_TK_NUMBER,
    RG_TK_STRING,    /* "..." (decoded value in str/str_len) */
    RG_TK_RAWSTRING, /* `...` (content in str/str_len) */
    RG_TK_TEMPLATE,  /* $"..." or $`...` (segments in segs/n_segs) */
    RG_TK_ASSIGN,    /* := */
    RG_TK_UNIFY,     /* = */
    RG_TK_EQ,        /* == */
    RG_TK_NEQ,       /* != */
    RG_TK_LT,
    RG_TK_LTE,
    RG_TK_GT,
    RG_TK_GTE,
    RG_TK_PLUS,
    RG_TK_MINUS,
    RG_TK_MUL,
    RG_TK_DIV,
    RG_TK_REM,
    RG_TK_AND, /* & */
    RG_TK_OR,  /* | */
    RG_TK_LPAREN,
    RG_TK_RPAREN,
    RG_TK_LBRACK,
    RG_TK_RBRACK,
    RG_TK_LBRACE,
    RG_TK_RBRACE,
    RG_TK_COMMA,
    RG_TK_SEMI,
    RG_TK_COLON,
    RG_TK_DOT,
    RG_TK_COUNT_
} rg_tok_kind;

typedef enum rg_keyword {
    RG_KW_NONE,
    RG_KW_PACKAGE,
    RG_KW_IMPORT,
    RG_KW_AS,
    RG_KW_DEFAULT,
    RG_KW_ELSE,
    RG_KW_NOT,
    RG_KW_SOME,
    RG_KW_WITH,
    RG_KW_TRUE,
    RG_KW_FALSE,
    RG_KW_NULL,
    /* "future" keywords: reserved in v1, opt-in in v0 */
    RG_KW_IN,
    RG_KW_EVERY,
    RG_KW_CONTAINS,
    RG_KW_IF,
    RG_KW_COUNT_
} rg_keyword;

/* A template string is literal text and `{expr}` parts, in order. */
typedef struct rg_tmpl_seg {
    bool is_expr;
    const char *str; /* literal: decoded text (arena) */
    size_t len;
    size_t off, end; /* expr: source span between the braces */
    uint32_t line, col; /* expr: position of off */
} rg_tmpl_seg;

typedef struct rg_token {
    uint8_t kind; /* rg_tok_kind */
    uint8_t kw;   /* rg_keyword for IDENT, else RG_KW_NONE */
    bool ws_before; /* whitespace or a comment right before this token */
    bool nl_before; /* a newline between the previous token and this one */
    uint32_t line, col;
    size_t off, len;  /* raw text in the source */
    const char *str;  /* STRING/RAWSTRING: decoded bytes (arena, NUL-terminated) */
    size_t str_len;
    const rg_tmpl_seg *segs; /* TEMPLATE (arena) */
    size_t n_segs;
} rg_token;

typedef struct rg_comment {
    uint32_t line, col; /* position of the '#' */
    size_t off, len;    /* text after the '#', up to (not including) the newline */
    bool own_line;      /* no token before it on its line */
} rg_comment;

typedef struct rg_lexed {
    rg_token *toks; /* malloc'd; always ends with one RG_TK_EOF token */
    size_t n;
    rg_comment *comments; /* malloc'd */
    size_t n_comments;
} rg_lexed;

/* Tokenizes src.  Always fills *out (free with rg_lexed_fini); returns -1
 * after adding rego_parse_error diagnostics when some input was malformed
 * (such spots become RG_TK_ERROR tokens). */
int rg_lex(rg_arena *arena, const char *file, const char *src, size_t len, rg_lexed *out, rg_diags *diags);
/* Tokenizes src[start, end) whose first byte is at line:col (for the
 * expressions inside template strings); offsets stay relative to src. */
int rg_lex_range(rg_arena *arena, const char *file, const char *src, size_t start, size_t end, uint32_t line,
                 uint32_t col, rg_lexed *out, rg_diags *diags);
void rg_lexed_fini(rg_lexed *l);

/* Keyword spelled by s[0..n), or RG_KW_NONE. */
rg_keyword rg_keyword_lookup(const char *s, size_t n);
const char *rg_keyword_text(rg_keyword kw);
/* How error messages name a token kind: "ident", "string", "eof", "}", ":=" ... */
const char *rg_tok_kind_text(rg_tok_kind k);

#endif
