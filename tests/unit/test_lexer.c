/* Rego lexer: token kinds and text, keywords, numbers, strings and escapes,
 * raw and template strings, comments, positions, newline flags, errors. */
#include <stdio.h>
#include <string.h>

#include "rego/lexer.h"
#include "testlib.h"

static rg_buf out = RG_BUF_INIT;

/* Tokens as "text" separated by spaces; "/" marks a newline before the
 * token, "_" whitespace without newline, and the kind follows for
 * non-punctuation: x:identifier  1:number  "a":string  <eof>. */
static const char *toks(const char *src) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    rg_lex(&a, "t", src, strlen(src), &lx, &d);
    out.len = 0;
    rg_buf_puts(&out, "");
    for (size_t i = 0; i < lx.n; i++) {
        const rg_token *t = &lx.toks[i];
        if (i) rg_buf_putc(&out, t->nl_before ? '/' : t->ws_before ? '_' : ' ');
        if (t->kind == RG_TK_EOF) {
            rg_buf_puts(&out, "<eof>");
            continue;
        }
        rg_buf_append(&out, src + t->off, t->len);
        if (t->kind == RG_TK_IDENT || t->kind == RG_TK_NUMBER || t->kind == RG_TK_STRING ||
            t->kind == RG_TK_RAWSTRING || t->kind == RG_TK_ERROR || t->kind == RG_TK_TEMPLATE)
            rg_buf_printf(&out, ":%s", rg_tok_kind_text((rg_tok_kind)t->kind));
    }
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return rg_buf_cstr(&out);
}

/* Diagnostics as "line:col: msg" joined by " | ", or "" when none. */
static const char *errs(const char *src, size_t len) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    int rc = rg_lex(&a, "t", src, len, &lx, &d);
    out.len = 0;
    rg_buf_puts(&out, "");
    for (size_t i = 0; i < d.len; i++)
        rg_buf_printf(&out, "%s%d:%d: %s", i ? " | " : "", d.items[i].line, d.items[i].col, d.items[i].msg);
    CHECK_INT(rc, d.len ? -1 : 0);
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return rg_buf_cstr(&out);
}

/* The decoded value of the single string token in src. */
static const char *str_value(const char *src) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    rg_lex(&a, "t", src, strlen(src), &lx, &d);
    out.len = 0;
    rg_buf_puts(&out, "");
    if (lx.n == 2 && (lx.toks[0].kind == RG_TK_STRING || lx.toks[0].kind == RG_TK_RAWSTRING))
        rg_buf_append(&out, lx.toks[0].str, lx.toks[0].str_len);
    else
        rg_buf_puts(&out, "<not one string>");
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return rg_buf_cstr(&out);
}

static void test_operators(void) {
    CHECK_STR(toks("x:=1"), "x:identifier := 1:number <eof>");
    CHECK_STR(toks(":= = == != < <= > >= + - * / % & | ( ) [ ] { } , ; : ."),
              ":=_=_==_!=_<_<=_>_>=_+_-_*_/_%_&_|_(_)_[_]_{_}_,_;_:_. <eof>");
    CHECK_STR(toks("a.b[c](d)"), "a:identifier . b:identifier [ c:identifier ] ( d:identifier ) <eof>");
    CHECK_STR(toks("x-1"), "x:identifier - 1:number <eof>");
    CHECK_STR(toks("x - -1"), "x:identifier_-_- 1:number <eof>");
    CHECK_STR(toks(""), "<eof>");
    CHECK_STR(toks("  \n\t "), "<eof>");
}

static void test_idents_keywords(void) {
    CHECK_STR(toks("_ a_1 B9 __x"), "_:identifier_a_1:identifier_B9:identifier___x:identifier <eof>");
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    const char *src = "package import as default else not some with true false null in every contains if input ifx";
    rg_lex(&a, "t", src, strlen(src), &lx, &d);
    const rg_keyword want[] = {RG_KW_PACKAGE, RG_KW_IMPORT, RG_KW_AS,    RG_KW_DEFAULT,  RG_KW_ELSE, RG_KW_NOT,
                               RG_KW_SOME,    RG_KW_WITH,   RG_KW_TRUE,  RG_KW_FALSE,    RG_KW_NULL, RG_KW_IN,
                               RG_KW_EVERY,   RG_KW_CONTAINS, RG_KW_IF,  RG_KW_NONE,     RG_KW_NONE};
    CHECK_INT(lx.n, 18);
    for (size_t i = 0; i < 17 && i < lx.n; i++) {
        CHECK_INT(lx.toks[i].kind, RG_TK_IDENT);
        CHECK_INT(lx.toks[i].kw, want[i]);
    }
    CHECK_STR(rg_keyword_text(RG_KW_CONTAINS), "contains");
    CHECK_INT(rg_keyword_lookup("every", 5), RG_KW_EVERY);
    CHECK_INT(rg_keyword_lookup("ever", 4), RG_KW_NONE);
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

static void test_numbers(void) {
    CHECK_STR(toks("0 1 12 1.5 0.25 1e3 1E+3 2e-7 1.5e10"),
              "0:number_1:number_12:number_1.5:number_0.25:number_1e3:number_1E+3:number_2e-7:number_1.5e10:number "
              "<eof>");
    /* "1." leaves the dot; "1e" leaves the e; ".5" is a dot then a number */
    CHECK_STR(toks("1.a 1e .5"), "1:number . a:identifier_1:number e:identifier_. 5:number <eof>");
    CHECK_STR(errs("x := 01", 7), "1:6: unexpected number token: expected number without leading zero");
    CHECK_STR(errs("x := 0.5 + 0e1", 14), "");
}

static void test_strings(void) {
    CHECK_STR(str_value("\"abc\""), "abc");
    CHECK_STR(str_value("\"\""), "");
    CHECK_STR(str_value("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""), "a\"b\\c/d\b\f\n\r\t");
    CHECK_STR(str_value("\"\\u00e9\\u20AC\""), "\xc3\xa9\xe2\x82\xac");
    CHECK_STR(str_value("\"\\ud83d\\ude00\""), "\xf0\x9f\x98\x80"); /* surrogate pair */
    CHECK_STR(str_value("\"\\ud83dx\""), "\xef\xbf\xbdx");           /* lone surrogate -> U+FFFD */
    CHECK_STR(str_value("\"h\xc3\xa9\""), "h\xc3\xa9");              /* UTF-8 passes through */
    CHECK_STR(str_value("`a\\n\"b`"), "a\\n\"b");                    /* raw: no escapes */
    CHECK_STR(str_value("`line1\nline2`"), "line1\nline2");
    CHECK_STR(toks("\"a\" `b`"), "\"a\":string_`b`:string <eof>");
    /* NUL via escape keeps its length */
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    rg_lex(&a, "t", "\"a\\u0000b\"", 10, &lx, &d);
    CHECK_INT(lx.toks[0].str_len, 3);
    CHECK(memcmp(lx.toks[0].str, "a\0b", 3) == 0);
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

static void test_string_errors(void) {
    CHECK_STR(errs("x := \"abc", 9), "1:6: non-terminated string");
    CHECK_STR(errs("x := \"ab\ncd\"", 12), "1:6: non-terminated string | 2:3: non-terminated string");
    CHECK_STR(errs("x := \"a\\qb\"", 11), "1:8: illegal escape sequence in string");
    CHECK_STR(errs("x := \"\\u12g4\"", 13), "1:7: illegal escape sequence in string");
    CHECK_STR(errs("x := `abc", 9), "1:6: non-terminated raw string");
    CHECK_STR(errs("x := 1 @ 2", 10), "1:8: illegal token '@'");
    CHECK_STR(errs("x := !", 6), "1:6: illegal token '!'");
    CHECK_STR(errs("a\xc3\xa9", 3), "1:2: illegal token (byte 0xc3)");
    CHECK_STR(errs("a\0b", 3), "1:2: illegal token (byte 0x00)");
    CHECK_STR(toks("a @ b"), "a:identifier_@:illegal_b:identifier <eof>");
}

static void test_positions(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    const char *src = "p := 1\n  q := `x\ny` # c\r\n\tr";
    rg_lex(&a, "t", src, strlen(src), &lx, &d);
    CHECK_INT(lx.n, 8);
    CHECK_INT(lx.toks[0].line, 1);
    CHECK_INT(lx.toks[0].col, 1);
    CHECK_INT(lx.toks[2].col, 6);
    CHECK_INT(lx.toks[3].line, 2); /* q */
    CHECK_INT(lx.toks[3].col, 3);
    CHECK(lx.toks[3].nl_before);
    CHECK(!lx.toks[4].nl_before && lx.toks[4].ws_before);
    CHECK_INT(lx.toks[5].line, 2); /* the raw string starts on line 2 */
    CHECK_INT(lx.toks[5].col, 8);
    CHECK_INT(lx.toks[6].line, 4); /* r after the multi-line raw string and a CRLF */
    CHECK_INT(lx.toks[6].col, 2);  /* columns count bytes; a tab is one */
    CHECK(lx.toks[6].nl_before);
    CHECK_INT(lx.toks[7].kind, RG_TK_EOF);
    CHECK_INT(lx.n_comments, 1);
    CHECK_INT(lx.comments[0].line, 3);
    CHECK_INT(lx.comments[0].col, 4);
    CHECK_INT(lx.comments[0].len, 2); /* " c" without the CR */
    CHECK(!lx.comments[0].own_line);
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

static void test_comments(void) {
    CHECK_STR(toks("a # x := 1\nb"), "a:identifier/b:identifier <eof>");
    CHECK_STR(toks("a# c\n# d\n"), "a:identifier/<eof>");
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    const char *src = "# METADATA\n# title: x\np := 1 # trailing\n#";
    rg_lex(&a, "t", src, strlen(src), &lx, &d);
    CHECK_INT(lx.n_comments, 4);
    CHECK(lx.comments[0].own_line && lx.comments[1].own_line);
    CHECK(!lx.comments[2].own_line && lx.comments[3].own_line);
    CHECK_INT(lx.comments[1].len, 9);
    CHECK(memcmp(src + lx.comments[1].off, " title: x", 9) == 0);
    CHECK_INT(lx.comments[3].len, 0);
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

static void test_templates(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    const char *src = "x := $\"a\\n{y} \\{b} {f({\"k\": \"}\"})}\" z";
    CHECK_INT(rg_lex(&a, "t", src, strlen(src), &lx, &d), 0);
    CHECK_INT(lx.n, 5);
    const rg_token *t = &lx.toks[2];
    CHECK_INT(t->kind, RG_TK_TEMPLATE);
    CHECK_INT(t->n_segs, 4);
    if (t->n_segs == 4) {
        CHECK(!t->segs[0].is_expr);
        CHECK_STR(t->segs[0].str, "a\n");
        CHECK(t->segs[1].is_expr);
        CHECK_INT(t->segs[1].end - t->segs[1].off, 1);
        CHECK_INT(t->segs[1].col, 12);
        CHECK_STR(t->segs[2].str, " {b} ");
        CHECK(t->segs[3].is_expr);
        CHECK_INT(t->segs[3].end - t->segs[3].off, 13);
        CHECK(memcmp(src + t->segs[3].off, "f({\"k\": \"}\"})", 13) == 0);
    }
    CHECK_INT(lx.toks[3].kind, RG_TK_IDENT);
    rg_lexed_fini(&lx);
    /* raw template strings span lines and keep backslashes */
    src = "$`a\\n\n{x}`\ny";
    CHECK_INT(rg_lex(&a, "t", src, strlen(src), &lx, &d), 0);
    CHECK_INT(lx.toks[0].n_segs, 2);
    if (lx.toks[0].n_segs == 2) {
        CHECK_STR(lx.toks[0].segs[0].str, "a\\n\n");
        CHECK_INT(lx.toks[0].segs[1].line, 2);
        CHECK_INT(lx.toks[0].segs[1].col, 2);
    }
    CHECK_INT(lx.toks[1].line, 3);
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    CHECK_STR(errs("x := $\"a{b\"", 11), "1:6: non-terminated template string");
    CHECK_STR(errs("x := $`{\n\"` + 1", 16), "1:6: non-terminated template string");
    CHECK_STR(toks("x := $\"{\n1"), "x:identifier_:=_$\"{:illegal/1:number <eof>");
    CHECK_STR(errs("$\"\\q\"", 5), "1:3: illegal escape sequence in string");
}

static void test_lex_range(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_lexed lx;
    const char *src = "ab\ncd ef gh";
    CHECK_INT(rg_lex_range(&a, "t", src, 6, 8, 2, 4, &lx, &d), 0);
    CHECK_INT(lx.n, 2);
    CHECK_INT(lx.toks[0].off, 6);
    CHECK_INT(lx.toks[0].line, 2);
    CHECK_INT(lx.toks[0].col, 4);
    CHECK_INT(lx.toks[1].kind, RG_TK_EOF);
    rg_lexed_fini(&lx);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

int main(void) {
    test_operators();
    test_idents_keywords();
    test_numbers();
    test_strings();
    test_string_errors();
    test_positions();
    test_comments();
    test_templates();
    test_lex_range();
    rg_buf_fini(&out);
    return rg_test_report("lexer");
}
