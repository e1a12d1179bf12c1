/* Builtins: graph.reachable and graph.reachable_paths.
 *
 * A graph is an object mapping each node to its neighbours (an array or a
 * set; any other value means no edges).  Nodes are identified by their
 * index among the object's keys, so visited/on-path marks are flat arrays.
 * Both walks are iterative (explicit queue/stack), so deep graphs cannot
 * overflow the C stack, and cycles are cut by the marks. */
#include <stdlib.h>

#include "builtins/families.h"
#include "rego/bi_ctx.h"

/* reachable_paths enumerates every simple path, which can be exponential in
 * the graph size; it stops with an error past this much work. */
#define MAX_PATH_WORK ((size_t)1 << 24)

/* The neighbours of node k (an index into the graph's keys). */
static const rg_value *edges_of(rg_value graph, size_t k, size_t *n) {
    rg_value e = rg_obj_val(graph, k);
    if (e.kind == RG_ARRAY || e.kind == RG_SET) {
        *n = e.len;
        return e.u.items;
    }
    *n = 0;
    return NULL;
}

/* Checks the operands; the initial nodes are an array or a set. */
static int graph_operands(rg_bi_ctx *ctx, const rg_value *args, const rg_value **init, size_t *ninit) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ)) return RG_BI_ERROR;
    if (args[1].kind != RG_ARRAY && args[1].kind != RG_SET)
        return rg_bi_type_error(ctx, 2, "{set, array}", args[1]);
    *init = args[1].u.items;
    *ninit = args[1].len;
    return 0;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p) abort();
    return p;
}

/* Breadth-first walk from the initial nodes; the result holds the nodes
 * reached that are keys of the graph (others have no entry, so OPA drops
 * them). */
static int bi_reachable(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    const rg_value *init = NULL;
    size_t ninit = 0;
    if (graph_operands(ctx, args, &init, &ninit)) return RG_BI_ERROR;
    rg_value graph = args[0];
    size_t nk = graph.len, head = 0, tail = 0;
    bool *seen = xcalloc(nk, sizeof *seen);
    size_t *queue = xcalloc(nk, sizeof *queue); /* each key is queued once */
    for (size_t i = 0; i < ninit; i++) {
        long k = rg_object_find(graph, init[i]);
        if (k >= 0 && !seen[k]) seen[k] = true, queue[tail++] = (size_t)k;
    }
    while (head < tail) {
        size_t n;
        const rg_value *e = edges_of(graph, queue[head++], &n);
        for (size_t i = 0; i < n; i++) {
            long k = rg_object_find(graph, e[i]);
            if (k >= 0 && !seen[k]) seen[k] = true, queue[tail++] = (size_t)k;
        }
    }
    /* keys are sorted, so collecting them in order yields a sorted set */
    rg_vec v = RG_VEC_INIT;
    for (size_t k = 0; k < nk; k++)
        if (seen[k]) rg_vec_push(&v, rg_obj_key(graph, k));
    *out = rg_vec_to_set(rg_bi_arena(ctx), &v);
    rg_vec_fini(&v);
    free(seen);
    free(queue);
    return RG_BI_OK;
}

/* One node on the current path and where its edge walk stands. */
typedef struct path_frame {
    size_t key;
    const rg_value *edges;
    size_t nedges, next;
} path_frame;

typedef struct path_walk {
    rg_value graph;
    rg_arena *arena;
    path_frame *stack;
    size_t depth;
    bool *on_path;
    rg_vec paths;
    size_t work;
} path_walk;

/* Records the current path (the stack's keys) as one result. */
static void emit_path(path_walk *w) {
    rg_value *items = rg_arena_alloc(w->arena, w->depth * sizeof *items);
    for (size_t i = 0; i < w->depth; i++) items[i] = rg_obj_key(w->graph, w->stack[i].key);
    rg_vec_push(&w->paths, rg_array_take(items, w->depth));
    w->work += w->depth;
}

static void push_node(path_walk *w, size_t k) {
    path_frame *f = &w->stack[w->depth++];
    f->key = k;
    f->edges = edges_of(w->graph, k, &f->nedges);
    f->next = 0;
    w->on_path[k] = true;
    w->work++;
}

/* Depth-first over simple paths from start (a key index).  A path ends at
 * a node without edges, or where the next step leaves the graph or would
 * revisit a node of the path; each such end records the path so far.
 * Returns false when the work limit is hit. */
static bool walk_from(path_walk *w, size_t start) {
    push_node(w, start);
    if (w->stack[0].nedges == 0) emit_path(w);
    while (w->depth > 0) {
        if (w->work > MAX_PATH_WORK) return false;
        path_frame *f = &w->stack[w->depth - 1];
        if (f->next == f->nedges) {
            w->on_path[f->key] = false;
            w->depth--;
            continue;
        }
        long k = rg_object_find(w->graph, f->edges[f->next++]);
        if (k < 0 || w->on_path[k]) {
            emit_path(w);
            continue;
        }
        push_node(w, (size_t)k);
        if (w->stack[w->depth - 1].nedges == 0) emit_path(w);
    }
    return true;
}

static int bi_reachable_paths(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    const rg_value *init = NULL;
    size_t ninit = 0;
    if (graph_operands(ctx, args, &init, &ninit)) return RG_BI_ERROR;
    path_walk w = {.graph = args[0], .arena = rg_bi_arena(ctx), .paths = RG_VEC_INIT};
    /* a simple path holds each key at most once, bounding the stack */
    w.stack = xcalloc(w.graph.len, sizeof *w.stack);
    w.on_path = xcalloc(w.graph.len, sizeof *w.on_path);
    bool ok = true;
    for (size_t i = 0; i < ninit && ok; i++) {
        long k = rg_object_find(w.graph, init[i]);
        if (k >= 0) ok = walk_from(&w, (size_t)k);
    }
    if (ok) *out = rg_vec_to_set(w.arena, &w.paths);
    rg_vec_fini(&w.paths);
    free(w.stack);
    free(w.on_path);
    if (!ok) return rg_bi_error(ctx, "too many paths");
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_graph[] = {
    {"graph.reachable", bi_reachable, 2, RG_ARGS(RG_T_OBJ, RG_T_ARR | RG_T_SET), RG_T_SET, 0},
    {"graph.reachable_paths", bi_reachable_paths, 2, RG_ARGS(RG_T_OBJ, RG_T_ARR | RG_T_SET), RG_T_SET, 0},
    {0},
};
