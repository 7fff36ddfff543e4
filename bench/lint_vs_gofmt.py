#!/usr/bin/env python3
"""make bench: plumber lint against gofmt -l on the Go standard library and
on every repository of the corpus that is present (.cache/corpus/*, fetched
by hand, never committed), each on the same files (those plumber lints), in
one run, several repetitions, commands alternated so machine noise hits both
alike. Prints per tree the median wall time, the ratio plumber/gofmt, MB/s
and peak RSS of each; then the geometric mean and the worst ratio.

Then `go vet` against plumber on one package (net/http: vet type-checks,
so the whole tree would take minutes); BENCH_VET=0 leaves it out.
Cold runs use --no-cache; warm runs a filled cache with one file edited
before each run (in a copy of the tree: nothing of the original changes).
Environment: BENCH_REPS (default 5), BENCH_TREE (one tree instead of the
standard library and the corpus), BENCH_CORPUS (default .cache/corpus).
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

def run(cmd, cwd, env=None):
    """Run cmd, return (wall seconds, peak RSS in MiB, exit code)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)

SKIP_DIRS = ("vendor", "testdata", "node_modules")

def go_files(root):
    """The .go files plumber lints under root (its walk: vendor/, testdata/,
    node_modules/ and directories starting with . or _ are skipped), as
    paths relative to root, so gofmt is timed on the very same files."""
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs
                         if x not in SKIP_DIRS and not x.startswith((".", "_")))
        rel = os.path.relpath(d, root)
        out += [os.path.normpath(os.path.join(rel, f)) for f in sorted(files) if f.endswith(".go")]
    return out

def copy_tree(src, dst):
    """Copy the .go files plumber would lint (and go.mod files) into dst:
    the warm runs edit a file, which must never happen to the original."""
    for rel in go_files(src):
        os.makedirs(os.path.join(dst, os.path.dirname(rel)), exist_ok=True)
        shutil.copyfile(os.path.join(src, rel), os.path.join(dst, rel))
    for d, dirs, files in os.walk(src):
        dirs[:] = [x for x in dirs if x not in SKIP_DIRS and not x.startswith((".", "_"))]
        if "go.mod" in files:
            rel = os.path.relpath(d, src)
            os.makedirs(os.path.join(dst, rel), exist_ok=True)
            shutil.copyfile(os.path.join(d, "go.mod"), os.path.join(dst, rel, "go.mod"))

def leaf_file(files):
    """A file whose package nothing imports, if one is found (a command's
    main), so one edit re-lints one package, as a commit touching one file
    usually does; else the last non-test file."""
    plain = [f for f in files if not f.endswith("_test.go")]
    mains = [f for f in plain if "/cmd/" in "/" + f or f.startswith("cmd/")]
    return (mains or plain or files)[-1]

def bench_tree(plumber, src, reps, label):
    """Time plumber lint (cold: no cache; warm: the cache filled, one file
    edited before each run) and gofmt -l on the same files of a copy of
    src; returns (cold ratio, warm ratio)."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, "tree")
        copy_tree(src, tree)
        # A real tree's files are older than plumber's racy window (a file
        # written in the last 2 s gets no stamp, src/lint/stamps.h): let
        # the copy's settle, as a checkout's have between commits.
        time.sleep(2.1)
        return bench_copy(plumber, tree, reps, label, src, os.path.join(tmp, "cache"))

def bench_copy(plumber, tree, reps, label, src, cache):
    files = go_files(tree)
    if not files:
        print(f"{label}: no .go files, skipped")
        return None
    size = sum(os.path.getsize(os.path.join(tree, f)) for f in files)
    print(f"{label}: {src} ({len(files)} .go files, {size / 1e6:.1f} MB, testdata/ and "
          f"vendor/ left out for both)")
    base = [plumber, "lint", "--no-progress"]
    cmds = {
        "plumber cold": base + ["--no-cache", "./..."],
        "plumber warm": base + ["--cache", cache, "./..."],
        "gofmt -l": None,
    }
    # one gofmt process, as a user runs it (split only past the argument limit)
    batches = [files]
    if sum(len(f) + 1 for f in files) > 1 << 20:
        batches = [files[i:i + 8000] for i in range(0, len(files), 8000)]

    def run_gofmt():
        wall = rss = 0.0
        for b in batches:
            w, r, _ = run(["gofmt", "-l"] + b, tree)
            wall += w
            rss = max(rss, r)
        return wall, rss, 0

    touched = os.path.join(tree, leaf_file(files))
    edits = [0]

    def edit_one():
        edits[0] += 1
        with open(touched, "a") as f:
            f.write(f"\n// bench edit {edits[0]}\n")

    res = {k: [] for k in cmds}
    run(cmds["plumber cold"], tree)  # warm the page cache for all
    run(cmds["plumber warm"], tree)  # and fill the lint cache
    run_gofmt()
    for _ in range(reps):
        for name in cmds:
            if name == "plumber warm":
                edit_one()
            wall, rss, code = run(cmds[name], tree) if cmds[name] else run_gofmt()
            if name.startswith("plumber") and code not in (0, 1):
                sys.exit(f"bench: plumber exited {code} on {tree}")
            res[name].append((wall, rss))
    med = {k: statistics.median(w for w, _ in v) for k, v in res.items()}
    out = subprocess.run(cmds["plumber cold"] + ["--format", "json"], cwd=tree,
                         capture_output=True, text=True).stdout
    stats = json.loads(out)["stats"]
    read = {"plumber cold": stats["bytes"], "plumber warm": stats["bytes"], "gofmt -l": size}
    if stats["files"] != len(files):
        print(f"  warning: plumber read {stats['files']} files, gofmt was given {len(files)}")
    for name, v in res.items():
        print(f"  {name:14s} median {med[name]:6.2f} s  {read[name] / 1e6 / med[name]:7.1f} MB/s  "
              f"peak RSS {max(r for _, r in v):7.1f} MiB  (runs: "
              + ", ".join(f"{w:.2f}" for w, _ in v) + ")")
    cold = med["plumber cold"] / med["gofmt -l"]
    warm = med["plumber warm"] / med["gofmt -l"]
    print(f"  ratio plumber/gofmt (median wall, same files): cold {cold:.2f}, "
          f"warm {warm:.3f} (one file edited: {os.path.relpath(touched, tree)})")
    return cold, warm

def main():
    plumber = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/plumber")
    reps = int(os.environ.get("BENCH_REPS", "5"))
    goroot = subprocess.check_output(["go", "env", "GOROOT"], text=True).strip()
    tree = os.environ.get("BENCH_TREE") or os.path.join(goroot, "src")
    trees = [("stdlib" if not os.environ.get("BENCH_TREE") else "tree", tree)]
    corpus = os.environ.get("BENCH_CORPUS", ".cache/corpus")
    if not os.environ.get("BENCH_TREE") and os.path.isdir(corpus):
        trees += [(d, os.path.abspath(os.path.join(corpus, d)))
                  for d in sorted(os.listdir(corpus)) if os.path.isdir(os.path.join(corpus, d))]
    print(f"{os.cpu_count()} cores, {reps} repetitions, commands alternated; "
          f"targets: cold <= 0.35 of gofmt -l, warm (one file edited) <= 0.05")
    ratios = {}
    for label, t in trees:
        r = bench_tree(plumber, t, reps, label)
        if r is not None:
            ratios[label] = r
    if len(ratios) > 1:
        for i, kind, goal in ((0, "cold", "mean <= 0.35, none above 0.5"), (1, "warm", "<= 0.05")):
            vals = {k: v[i] for k, v in ratios.items()}
            geo = statistics.geometric_mean(vals.values())
            worst = max(vals, key=vals.get)
            print(f"{kind} ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in vals.items()))
            print(f"{kind}: geometric mean {geo:.3f}, worst {worst} {vals[worst]:.3f}  "
                  f"(target: {goal})")
    if os.environ.get("BENCH_VET", "1") != "0":
        pkg = os.path.join(tree, "net", "http")
        def vet_cold():
            # an empty build cache each time: vet type-checks what it imports,
            # as on a fresh CI runner (a warm cache would reuse earlier results)
            with tempfile.TemporaryDirectory() as cache:
                return run(["go", "vet", "."], pkg, dict(os.environ, GOCACHE=cache))[0]
        vet = statistics.median(vet_cold() for _ in range(3))
        vet_warm = statistics.median(run(["go", "vet", "."], pkg)[0] for _ in range(3))
        pl = statistics.median(run([plumber, "lint", "--no-progress", "--no-cache", "."], pkg)[0]
                               for _ in range(3))
        print(f"net/http: go vet {vet:.2f} s with an empty build cache ({vet_warm:.2f} s warm), "
              f"plumber {pl:.2f} s without its cache; ratio {pl / vet:.3f} "
              f"({pl / vet_warm:.3f} against warm vet)")

if __name__ == "__main__":
    main()
