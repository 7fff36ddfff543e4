#!/usr/bin/env python3
"""make bench: plumber lint against gofmt -l on the Go standard library and
on every repository of the corpus that is present (.cache/corpus/*, fetched
by hand, never committed), each on the same files (those plumber lints), in
one run, several repetitions, commands alternated so machine noise hits both
alike. Prints per tree the median wall time, the ratio plumber/gofmt, MB/s
and peak RSS of each; then the geometric mean and the worst ratio.

Then `go vet` against plumber on one package (net/http: vet type-checks,
so the whole tree would take minutes); BENCH_VET=0 leaves it out.
Environment: BENCH_REPS (default 5), BENCH_TREE (one tree instead of the
standard library and the corpus), BENCH_CORPUS (default .cache/corpus).
"""
import json, os, statistics, subprocess, sys, time

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

def bench_tree(plumber, tree, reps, label):
    """Time plumber lint and gofmt -l on the same files of tree; returns the ratio."""
    files = go_files(tree)
    if not files:
        print(f"{label}: no .go files, skipped")
        return None
    size = sum(os.path.getsize(os.path.join(tree, f)) for f in files)
    print(f"{label}: {tree} ({len(files)} .go files, {size / 1e6:.1f} MB, testdata/ and "
          f"vendor/ left out for both)")
    cmds = {
        "plumber lint": [plumber, "lint", "--no-progress", "./..."],
        # gofmt is given the same files, in batches that fit a command line
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

    res = {k: [] for k in cmds}
    run(cmds["plumber lint"], tree)  # warm the page cache for both
    run_gofmt()
    for _ in range(reps):
        for name in cmds:
            wall, rss, code = run(cmds[name], tree) if cmds[name] else run_gofmt()
            if name.startswith("plumber") and code not in (0, 1):
                sys.exit(f"bench: plumber exited {code} on {tree}")
            res[name].append((wall, rss))
    med = {k: statistics.median(w for w, _ in v) for k, v in res.items()}
    out = subprocess.run(cmds["plumber lint"] + ["--format", "json"], cwd=tree,
                         capture_output=True, text=True).stdout
    stats = json.loads(out)["stats"]
    read = {"plumber lint": stats["bytes"], "gofmt -l": size}
    if stats["files"] != len(files):
        print(f"  warning: plumber read {stats['files']} files, gofmt was given {len(files)}")
    for name, v in res.items():
        print(f"  {name:14s} median {med[name]:6.2f} s  {read[name] / 1e6 / med[name]:7.1f} MB/s  "
              f"peak RSS {max(r for _, r in v):7.1f} MiB  (runs: "
              + ", ".join(f"{w:.2f}" for w, _ in v) + ")")
    ratio = med["plumber lint"] / med["gofmt -l"]
    print(f"  ratio plumber/gofmt (median wall, same files): {ratio:.2f}")
    return ratio

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
          f"target: ratio <= 0.35 on each tree")
    ratios = {}
    for label, t in trees:
        r = bench_tree(plumber, t, reps, label)
        if r is not None:
            ratios[label] = r
    if len(ratios) > 1:
        geo = statistics.geometric_mean(ratios.values())
        worst = max(ratios, key=ratios.get)
        print(f"ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items()))
        print(f"geometric mean {geo:.2f}, worst {worst} {ratios[worst]:.2f}  (target: mean <= 0.35, "
              f"none above 0.5)")
    if os.environ.get("BENCH_VET", "1") != "0":
        import tempfile
        pkg = os.path.join(tree, "net", "http")
        def vet_cold():
            # an empty build cache each time: vet type-checks what it imports,
            # as on a fresh CI runner (a warm cache would reuse earlier results)
            with tempfile.TemporaryDirectory() as cache:
                return run(["go", "vet", "."], pkg, dict(os.environ, GOCACHE=cache))[0]
        vet = statistics.median(vet_cold() for _ in range(3))
        vet_warm = statistics.median(run(["go", "vet", "."], pkg)[0] for _ in range(3))
        pl = statistics.median(run([plumber, "lint", "--no-progress", "."], pkg)[0] for _ in range(3))
        print(f"net/http: go vet {vet:.2f} s with an empty build cache ({vet_warm:.2f} s warm), "
              f"plumber {pl:.2f} s; ratio {pl / vet:.3f} ({pl / vet_warm:.3f} against warm vet)")

if __name__ == "__main__":
    main()
