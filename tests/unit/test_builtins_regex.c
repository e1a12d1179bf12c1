/* Regex and glob builtins: Go RE2 semantics on PCRE2, match iteration,
 * replacement templates, templates, glob intersection, glob.match. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

/* Strong references: the family tables must be linked in from the library. */
extern const rg_builtin_def rg_builtins_regex[];
extern const rg_builtin_def rg_builtins_glob[];

static rg_arena A;

static rg_value J(const char *json) { return rg_test_json(&A, json); }

static rg_value S(const char *s) { return rg_cstring(&A, s); }

/* Calls a builtin; returns malloc'd text: the result as JSON, "undefined",
 * or "type: MSG" / "builtin: MSG" for errors. */
static char *run(const char *name, const rg_value *args, int n) {
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    rg_value out;
    int rc = rg_bi_call(&c, name, args, n, &out);
    char *res;
    if (rc == RG_BI_OK) {
        res = rg_json_dump(out, 0);
    } else if (rc == RG_BI_UNDEFINED) {
        res = rg_xstrdup("undefined");
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "%s: %s", !strcmp(c.err_code, "eval_type_error") ? "type" : "builtin", rg_buf_cstr(&c.err));
        res = rg_buf_detach(&b);
    }
    rg_bi_ctx_fini(&c);
    return res;
}

#define EXPECT(want, name, ...)                                       \
    do {                                                              \
        rg_value a_[] = {__VA_ARGS__};                                \
        char *r_ = run(name, a_, (int)(sizeof a_ / sizeof *a_));      \
        CHECK_STR(r_, want);                                          \
        free(r_);                                                     \
    } while (0)

static void test_match(void) {
    EXPECT("true", "regex.match", S("^[a-z]+\\[[0-9]+\\]$"), S("foo[1]"));
    EXPECT("true", "regex.match", S("^$"), S(""));
    EXPECT("true", "regex.match", S(""), S("x"));
    EXPECT("false", "regex.match", S("^$"), S("something"));
    EXPECT("true", "re_match", S("b+"), S("abbc"));
    EXPECT("builtin: regex.match: error parsing regexp: missing closing ]: `[[[`", "regex.match", S("$^[[["),
           S("x"));
    EXPECT("builtin: regex.match: error parsing regexp: missing closing ): `(ab`", "regex.match", S("(ab"), S("x"));
    EXPECT("type: regex.match: operand 1 must be string but got number", "regex.match", rg_int(1), S("x"));
    EXPECT("type: regex.match: operand 2 must be string but got null", "regex.match", S("x"), rg_null());
}

/* Where Go's RE2 and PCRE2 differ, Go wins. */
static void test_go_semantics(void) {
    EXPECT("false", "regex.match", S("a$"), S("a\n"));     /* $ only at the very end */
    EXPECT("true", "regex.match", S("(?m)a$"), S("a\nb"));
    EXPECT("false", "regex.match", S("^\\d$"), S("\xd9\xa3")); /* \d is ASCII */
    EXPECT("false", "regex.match", S("^\\w$"), S("\xc3\xa9"));
    EXPECT("false", "regex.match", S("^\\s$"), S("\v")); /* \s excludes VT */
    EXPECT("true", "regex.match", S("^[\\s]$"), S("\t"));
    EXPECT("true", "regex.match", S("^\\v$"), S("\v"));
    EXPECT("true", "regex.match", S("(?i)^\xc3\xa9$"), S("\xc3\x89")); /* Unicode case folding */
    EXPECT("true", "regex.match", S("^\\101\\x42\\x{43}$"), S("ABC"));
    EXPECT("true", "regex.match", S("^(?P<x>a)(?<y>b)$"), S("ab"));
    EXPECT("true", "regex.match", S("a\\z"), S("ba"));
    EXPECT("true", "regex.match", S("^a{2,3}$"), S("aaa"));
    EXPECT("true", "regex.match", S("^a{,2}$"), S("a{,2}")); /* not a repeat in Go */
    EXPECT("true", "regex.match", S("^[]a]+$"), S("]a"));
    EXPECT("true", "regex.match", S("^[[:alpha:]]+$"), S("abc"));
    EXPECT("true", "regex.match", S("^\\Qa.b\\E$"), S("a.b"));
    EXPECT("true", "regex.match", S("(?)a"), S("a"));
    EXPECT("true", "regex.match", S("(?i-s:A.)"), S("ax"));
    EXPECT("true", "regex.match", S("a"), S("\xff" "a")); /* invalid UTF-8 in the subject */
    EXPECT("true", "regex.match", S("^\\pL+$"), S("\xc3\xa9t\xc3\xa9"));
    /* RE2 rejects what PCRE2 would accept. */
    EXPECT("builtin: regex.match: error parsing regexp: invalid escape sequence: `\\1`", "regex.match",
           S("(a)\\1"), S("aa"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid escape sequence: `\\Z`", "regex.match", S("a\\Z"),
           S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`", "regex.match",
           S("a(?=b)"), S("ab"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid named capture: `(?<=`", "regex.match",
           S("(?<=a)b"), S("ab"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid nested repetition operator: `*+`", "regex.match",
           S("a*+"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid nested repetition operator: `**`", "regex.match",
           S("a**"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid repeat count: `{1001}`", "regex.match",
           S("a{1001}"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: missing argument to repetition operator: `*`",
           "regex.match", S("(*ACCEPT)"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: missing argument to repetition operator: `*`",
           "regex.match", S("*a"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid escape sequence: `\\h`", "regex.match", S("\\h"),
           S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?x`", "regex.match",
           S("(?x)a"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid character class range: `[:foo:]`", "regex.match",
           S("[[:foo:]]"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: trailing backslash at end of expression: ``",
           "regex.match", S("a\\"), S("a"));
    EXPECT("builtin: regex.match: error parsing regexp: invalid UTF-8: `\xff`", "regex.match", S("\xff"), S("a"));
}

static void test_limits(void) {
    /* Catastrophic backtracking ends with an error, not a hang. */
    char subject[64];
    memset(subject, 'x', 40);
    subject[40] = 'z';
    subject[41] = 0;
    rg_value a[] = {S("^(x+x+)+$"), S(subject)};
    char *g = run("regex.match", a, 2);
    CHECK_STR(g, "builtin: regex.match: regular expression match limit exceeded");
    free(g);
}

static void test_is_valid(void) {
    EXPECT("true", "regex.is_valid", S("^a+$"));
    EXPECT("false", "regex.is_valid", S("(a"));
    EXPECT("false", "regex.is_valid", S("(?=a)"));
    EXPECT("false", "regex.is_valid", rg_int(1));
}

static void test_split_find(void) {
    EXPECT("[\"b\",\"n\",\"n\",\"\"]", "regex.split", S("a"), S("banana"));
    EXPECT("[\"a\",\"b\",\"c\"]", "regex.split", S(""), S("abc"));
    EXPECT("[\"a\",\"b\",\"c\"]", "regex.split", S("x*"), S("axbxc"));
    EXPECT("[\"\",\"b\",\"b\",\"c\",\"c\",\"d\",\"e\"]", "regex.split", S("a*"), S("abaabaccadaaae"));
    EXPECT("[\"\"]", "regex.split", S("a"), S(""));
    EXPECT("[]", "regex.split", S(""), S(""));
    EXPECT("[\"a\",\"a\",\"a\"]", "regex.find_n", S("a"), S("banana"), rg_int(-1));
    EXPECT("[\"a\",\"a\"]", "regex.find_n", S("a"), S("banana"), rg_int(2));
    EXPECT("[]", "regex.find_n", S("a"), S("banana"), rg_int(0));
    EXPECT("[\"\",\"\",\"\",\"\",\"\"]", "regex.find_n", S(""), S("caf\xc3\xa9"), rg_int(-1));
    EXPECT("type: regex.find_n: operand 3 must be integer number but got floating-point number", "regex.find_n",
           S("a"), S("a"), rg_num_from_double(1.5));
    EXPECT("type: regex.find_n: operand 3 must be number but got string", "regex.find_n", S("a"), S("a"), S("1"));
    EXPECT("[[\"ab\",\"\"],[\"axxb\",\"xx\"]]", "regex.find_all_string_submatch_n", S("a(x*)b"), S("-ab-axxb-"),
           rg_int(-1));
    EXPECT("[[\"b\",\"\",\"b\"]]", "regex.find_all_string_submatch_n", S("(a)|(b)"), S("b"), rg_int(-1));
    EXPECT("[]", "regex.find_all_string_submatch_n", S("a(x*)b"), S("-"), rg_int(-1));
    EXPECT("[[\"ab\",\"\"]]", "regex.find_all_string_submatch_n", S("a(x*)b"), S("-ab-axxb-"), rg_int(1));
}

static void test_replace(void) {
    EXPECT("\"-T-T-\"", "regex.replace", S("-ab-axxb-"), S("a(x*)b"), S("T"));
    EXPECT("\"---\"", "regex.replace", S("-ab-axxb-"), S("a(x*)b"), S("$1W"));
    EXPECT("\"-W-xxW-\"", "regex.replace", S("-ab-axxb-"), S("a(x*)b"), S("${1}W"));
    EXPECT("\"Turing Alan\"", "regex.replace", S("Alan Turing"), S("(?P<first>\\w+)\\s(?P<last>\\w+)"),
           S("${last} ${first}"));
    EXPECT("\"-a-b-c-\"", "regex.replace", S("abc"), S("x*"), S("-"));
    EXPECT("\"$b$\"", "regex.replace", S("aba"), S("a"), S("$$"));
    EXPECT("\"$ x\"", "regex.replace", S("a x"), S("a"), S("$"));
    EXPECT("\"unchanged\"", "regex.replace", S("unchanged"), S("z"), S("y"));
    EXPECT("builtin: regex.replace: error parsing regexp: missing closing ): `(`", "regex.replace", S("a"), S("("),
           S("b"));
}

static void test_template(void) {
    EXPECT("true", "regex.template_match", S("urn:foo:{.*}"), S("urn:foo:bar:baz"), S("{"), S("}"));
    EXPECT("true", "regex.template_match", S("urn:foo.bar.com:{.*}"), S("urn:foo.bar.com:bar:baz"), S("{"),
           S("}"));
    EXPECT("false", "regex.template_match", S("urn:foo.bar.com:{.*}"), S("urn:foo.com:bar:baz"), S("{"), S("}"));
    EXPECT("true", "regex.template_match", S("urn:foo:<[0-9]{2}>"), S("urn:foo:12"), S("<"), S(">"));
    EXPECT("false", "regex.template_match", S("urn:foo:<[0-9]{2}>"), S("urn:foo:123"), S("<"), S(">"));
    EXPECT("builtin: regex.template_match: unbalanced braces in \"urn:{foo\"", "regex.template_match",
           S("urn:{foo"), S("x"), S("{"), S("}"));
    EXPECT("builtin: regex.template_match: unbalanced braces in \"a}b{\"", "regex.template_match", S("a}b{"),
           S("x"), S("{"), S("}"));
    EXPECT("builtin: regex.template_match: start delimiter has to be exactly one character long but is 2 long",
           "regex.template_match", S("x"), S("x"), S("{{"), S("}"));
    EXPECT("builtin: regex.template_match: error parsing regexp: missing closing ): `^(a$`", "regex.template_match",
           S("{(a}"), S("x"), S("{"), S("}"));
}

static void test_globs_match(void) {
    EXPECT("true", "regex.globs_match", S("a"), S("a"));
    EXPECT("true", "regex.globs_match", S("a*b"), S("a*b"));
    EXPECT("false", "regex.globs_match", S("a"), S("b"));
    EXPECT("true", "regex.globs_match", S(".*"), S("a.b"));
    EXPECT("true", "regex.globs_match", S("[a-c]+"), S("[b-d]+"));
    EXPECT("false", "regex.globs_match", S("[a-c]"), S("[d-f]"));
    EXPECT("true", "regex.globs_match", S("a+"), S("a*"));
    EXPECT("true", "regex.globs_match", S("a.a.[0-9]+z"), S(".b.b2359825792*594823z"));
    EXPECT("true", "regex.globs_match", S("b.*"), S("bar"));
    EXPECT("false", "regex.globs_match", S("[a-z]+\\[[0-9]+\\]"), S("foo[\"bar\"]"));
    EXPECT("false", "regex.globs_match", S("a*"), S("b*")); /* only "" is common: not a non-empty string */
    EXPECT("true", "regex.globs_match", S("\\.\\*"), S(".*"));
    EXPECT("builtin: regex.globs_match: input:[abc, pos:4, found [ without matching ]: the input provided is invalid",
           "regex.globs_match", S("[abc"), S("a"));
    EXPECT("builtin: regex.globs_match: input:a\\, pos:1, input ends with a \\\\ (escape) character: the input "
           "provided is invalid",
           "regex.globs_match", S("a\\"), S("a"));
    EXPECT("builtin: regex.globs_match: input:[z-a], pos:4, range is out of order: 'a' comes before 'z' in Unicode: "
           "the input provided is invalid",
           "regex.globs_match", S("[z-a]"), S("a"));
    EXPECT("builtin: regex.globs_match: input:], pos:1, set-close ']' with no preceding '[': the input provided is "
           "invalid",
           "regex.globs_match", S("a"), S("]"));
    EXPECT("builtin: regex.globs_match: input:*a, pos:1, flag '*' must be preceded by a non-flag: the input provided "
           "is invalid",
           "regex.globs_match", S("*a"), S("a"));
}

static void test_glob_match(void) {
    rg_value none = rg_null(), dot = J("[]"), colon = J("[\":\"]"), dotslash = J("[\".\", \"/\"]");
    EXPECT("true", "glob.match", S("api://*/appId"), none, S("api://foo.com/appId"));
    EXPECT("true", "glob.match", S("*.github.com"), dot, S("api.github.com"));
    EXPECT("false", "glob.match", S("*.github.com"), dot, S("api.cdn.github.com"));
    EXPECT("true", "glob.match", S("*hub.com"), none, S("api.cdn.github.com"));
    EXPECT("true", "glob.match", S("*:github:com"), colon, S("api:github:com"));
    EXPECT("true", "glob.match", S("api.**.com"), dot, S("api.cdn.github.com"));
    EXPECT("true", "glob.match", S("?at"), dot, S("cat"));
    EXPECT("false", "glob.match", S("?at"), dot, S("at"));
    EXPECT("true", "glob.match", S("[abc]at"), dot, S("bat"));
    EXPECT("false", "glob.match", S("[abc]at"), dot, S("lat"));
    EXPECT("false", "glob.match", S("[!abc]at"), dot, S("cat"));
    EXPECT("true", "glob.match", S("[!a-c]at"), dot, S("lat"));
    EXPECT("true", "glob.match", S("{cat,bat,[fr]at}"), dot, S("rat"));
    EXPECT("false", "glob.match", S("{cat,bat,[fr]at}"), dot, S("at"));
    EXPECT("true", "glob.match", S("{a,{b,c}}"), dot, S("c"));
    EXPECT("true", "glob.match", S(""), dot, S(""));
    EXPECT("false", "glob.match", S("?"), none, S(""));
    EXPECT("false", "glob.match", S("[!0-9]"), none, S(""));
    EXPECT("false", "glob.match", S("a/*/b"), none, S("a/b"));
    EXPECT("true", "glob.match", S("a/*/b"), none, S("a/x/b"));
    EXPECT("false", "glob.match", S("a/**/b"), none, S("a/b"));
    EXPECT("true", "glob.match", S("a/**/b"), none, S("a//b"));
    EXPECT("false", "glob.match", S("**/x"), none, S("x"));
    EXPECT("true", "glob.match", S("{**/,}x"), none, S("x"));
    EXPECT("true", "glob.match", S("***"), J("[\".\"]"), S(""));
    EXPECT("false", "glob.match", S("*?*"), dotslash, S("api.github.com"));
    EXPECT("true", "glob.match", S("*?*"), dotslash, S("abc"));
    EXPECT("false", "glob.match", S("*"), dotslash, S("a/b"));
    EXPECT("true", "glob.match", S("\\*"), none, S("*"));
    EXPECT("false", "glob.match", S("\\*"), none, S("a"));
    EXPECT("true", "glob.match", S("[a\\-z]"), dot, S("-"));
    EXPECT("false", "glob.match", S("[a\\-z]"), dot, S("m"));
    EXPECT("true", "glob.match", S("[\\]]"), dot, S("]"));
    EXPECT("false", "glob.match", S("test\\"), dot, S("test"));
    EXPECT("false", "glob.match", S("test\\"), dot, S("test\\"));
    EXPECT("true", "glob.match", S("{a,b"), dot, S("b")); /* unclosed braces close at the end */
    EXPECT("true", "glob.match", S("a}b,c"), dot, S("a}b,c"));
    EXPECT("true", "glob.match", S("\xc3\xa9*"), dot, S("\xc3\xa9t\xc3\xa9"));
    EXPECT("builtin: glob.match: unexpected end of input (syntax error in pattern)", "glob.match", S("[abc"), dot,
           S("a"));
    EXPECT("builtin: glob.match: hi character 'a' should be greater than lo 'z' (syntax error in pattern)",
           "glob.match", S("[z-a]"), dot, S("m"));
    EXPECT("builtin: glob.match: could not parse range (syntax error in pattern)", "glob.match", S("[]"), dot,
           S("a"));
    EXPECT("builtin: glob.match: expected close range character (syntax error in pattern)", "glob.match",
           S("[a-cx]"), dot, S("a"));
    EXPECT("type: glob.match: operand 2 must be one of {array, null} but got string", "glob.match", S("a"), S("."),
           S("a"));
    EXPECT("type: glob.match: operand 2 must be array of strings but got array containing number", "glob.match",
           S("a"), J("[1]"), S("a"));
    EXPECT("type: glob.match: operand 2 must be array of runes but got array containing string", "glob.match",
           S("a"), J("[\"ab\"]"), S("a"));
    EXPECT("type: glob.match: operand 3 must be string but got number", "glob.match", S("a"), dot, rg_int(1));
}

static void test_glob_no_blowup(void) {
    char *s = malloc(20001);
    memset(s, 'a', 20000);
    s[20000] = 0;
    EXPECT("false", "glob.match", S("*a*a*a*a*a*a*a*a*a*a*a*a*b"), rg_null(), S(s));
    EXPECT("true", "glob.match", S("{*a,*b}{*a,*b}{*a,*b}*"), rg_null(), S(s));
    free(s);
}

static void test_quote_meta(void) {
    EXPECT("\"hello\\\\*world\\\\?\\\\[test\\\\]\"", "glob.quote_meta", S("hello*world?[test]"));
    EXPECT("\"a\\\\{b,c\\\\}\\\\\\\\\"", "glob.quote_meta", S("a{b,c}\\"));
    EXPECT("\"hello\\nworld\"", "glob.quote_meta", S("hello\nworld"));
}

/* Reference glob matcher over token lists (delimiter '.'), by plain
 * backtracking; used to cross-check the NFA on random small cases. */
typedef struct rtok {
    char kind; /* 'c' char, '?', '*', 'S' (**), '[' ([ab]), '!' ([!a]) */
    char c;
} rtok;

static bool ref_match(const rtok *p, int np, const char *s, int ns) {
    if (np == 0) return ns == 0;
    switch (p->kind) {
    case '*':
    case 'S':
        for (int k = 0; k <= ns; k++) {
            if (ref_match(p + 1, np - 1, s + k, ns - k)) return true;
            if (k < ns && p->kind == '*' && s[k] == '.') return false;
        }
        return false;
    case '?': return ns > 0 && s[0] != '.' && ref_match(p + 1, np - 1, s + 1, ns - 1);
    case '[': return ns > 0 && (s[0] == 'a' || s[0] == 'b') && ref_match(p + 1, np - 1, s + 1, ns - 1);
    case '!': return ns > 0 && s[0] != 'a' && ref_match(p + 1, np - 1, s + 1, ns - 1);
    default: return ns > 0 && s[0] == p->c && ref_match(p + 1, np - 1, s + 1, ns - 1);
    }
}

static void test_glob_random(void) {
    static const char *const text[] = {"a", "b", ".", "?", "*", "**", "[ab]", "[!a]", "{a,b.}", "{,a}"};
    static const rtok one[][1] = {{{'c', 'a'}}, {{'c', 'b'}}, {{'c', '.'}}, {{'?', 0}},
                                  {{'*', 0}},   {{'S', 0}},   {{'[', 0}},   {{'!', 0}}};
    unsigned seed = 12345;
    int mismatches = 0, matched = 0;
    for (int iter = 0; iter < 3000; iter++) {
        int pieces[6], np = 0;
        char pat[64] = "";
        int len = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 5;
        for (int i = 0; i < len; i++) {
            int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 10;
            if ((k == 4 || k == 5) && np && (pieces[np - 1] == 4 || pieces[np - 1] == 5)) continue;
            pieces[np++] = k;
            strcat(pat, text[k]);
        }
        char in[8];
        int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 7;
        for (int i = 0; i < n; i++) in[i] = "ab."[((seed = seed * 1103515245u + 12345u) >> 16) % 3];
        in[n] = 0;
        bool want = false;
        for (int choice = 0; choice < 64 && !want; choice++) { /* every brace alternative combination */
            rtok toks[16];
            int nt = 0, bit = 0;
            for (int i = 0; i < np; i++) {
                int k = pieces[i];
                if (k < 8) {
                    toks[nt++] = one[k][0];
                    continue;
                }
                bool second = (choice >> bit++) & 1;
                if (k == 8 && !second) toks[nt++] = (rtok){'c', 'a'};
                if (k == 8 && second) toks[nt++] = (rtok){'c', 'b'}, toks[nt++] = (rtok){'c', '.'};
                if (k == 9 && second) toks[nt++] = (rtok){'c', 'a'};
            }
            want = ref_match(toks, nt, in, n);
        }
        matched += want;
        rg_value args[] = {S(pat), J("[\".\"]"), S(in)};
        char *got = run("glob.match", args, 3);
        if (strcmp(got, want ? "true" : "false")) {
            if (mismatches++ < 5) fprintf(stderr, "glob %s on \"%s\": got %s\n", pat, in, got);
        }
        free(got);
    }
    CHECK_INT(mismatches, 0);
    CHECK(matched > 200); /* the cases exercise matches too */
}

static bool regex_ok(const char *re, const char *s) {
    rg_value args[] = {S(re), S(s)};
    char *r = run("regex.match", args, 2);
    bool ok = !strcmp(r, "true");
    free(r);
    return ok;
}

/* regex.globs_match against brute force: is there a string of length 1..5
 * over {a,b,c} that both globs (read as anchored regexes) match? */
static void test_globs_random(void) {
    static const char *const atoms[] = {"a", "b", ".", "[ab]", "[b-c]"};
    static const char *const flags[] = {"", "", "*", "+"};
    unsigned seed = 777;
    int mismatches = 0, found = 0;
    for (int iter = 0; iter < 150; iter++) {
        char g[2][32], re[2][80];
        for (int k = 0; k < 2; k++) {
            g[k][0] = 0;
            int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 3;
            for (int i = 0; i < n; i++) {
                strcat(g[k], atoms[((seed = seed * 1103515245u + 12345u) >> 16) % 5]);
                strcat(g[k], flags[((seed = seed * 1103515245u + 12345u) >> 16) % 4]);
            }
            snprintf(re[k], sizeof re[k], "^(?:%s)$", g[k]);
        }
        bool want = false;
        char str[8];
        for (int len = 1; len <= 5 && !want; len++) {
            int total = 1;
            for (int i = 0; i < len; i++) total *= 3;
            for (int code = 0; code < total && !want; code++) {
                for (int i = 0, c = code; i < len; i++, c /= 3) str[i] = "abc"[c % 3];
                str[len] = 0;
                want = regex_ok(re[0], str) && regex_ok(re[1], str);
            }
        }
        found += want;
        rg_value args[] = {S(g[0]), S(g[1])};
        char *got = run("regex.globs_match", args, 2);
        if (strcmp(got, want ? "true" : "false") && mismatches++ < 5)
            fprintf(stderr, "globs %s / %s: got %s\n", g[0], g[1], got);
        free(got);
    }
    CHECK_INT(mismatches, 0);
    CHECK(found > 20 && found < 140);
}

/* Many threads compiling and matching more patterns than the cache holds. */
static void *worker(void *arg) {
    int id = *(int *)arg, bad = 0;
    rg_arena a;
    rg_arena_init(&a);
    for (int i = 0; i < 600; i++) {
        char pat[64], sub[64];
        int k = (i * 7 + id) % 400;
        snprintf(pat, sizeof pat, "^p%d-[0-9]+$", k);
        snprintf(sub, sizeof sub, "p%d-%d", k, i);
        rg_bi_ctx c;
        rg_bi_ctx_init(&c, &a);
        rg_value args[] = {rg_cstring(&a, pat), rg_cstring(&a, sub)}, out;
        if (rg_bi_call(&c, "regex.match", args, 2, &out) != RG_BI_OK || !rg_is_true(out)) bad++;
        rg_bi_ctx_fini(&c);
    }
    rg_arena_fini(&a);
    *(int *)arg = bad;
    return NULL;
}

static void test_threads(void) {
    pthread_t th[4];
    int ids[4] = {0, 1, 2, 3};
    for (int i = 0; i < 4; i++) pthread_create(&th[i], NULL, worker, &ids[i]);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(ids[i], 0);
    }
}

int main(void) {
    CHECK(rg_builtins_regex[0].name != NULL && rg_builtins_glob[0].name != NULL);
    rg_arena_init(&A);
    test_match();
    test_go_semantics();
    test_limits();
    test_is_valid();
    test_split_find();
    test_replace();
    test_template();
    test_globs_match();
    test_globs_random();
    test_glob_match();
    test_glob_no_blowup();
    test_glob_random();
    test_quote_meta();
    test_threads();
    rg_arena_fini(&A);
    return rg_test_report("builtins_regex");
}
