"""Benchmark the archive build on a synthetic archive of N pages.

    python bench/run.py --pages 1000 [--json FILE] [--repeat 3] [--ref HEAD] [--profile]

Generates the archive (bench/generate.py) into a temporary project that
copies this project's code, then measures, in one run:
1. our full cold build with its search index, alternating with
2. the reference: stock Pelican with the same bodies, plus Pagefind;
3. the editor's preview after a one-page edit (`invoke serve`), the same
   with Pelican's content cache, and CI's build after 1 % changed with the
   cache restored;
4. the gzip bytes of an article page and of a first search query.
Prints a table, writes JSON. See bench/README.md for method and figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import psutil

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import builds, incremental, preview, transfer
from bench.generate import ROOT
from bench.measure import CommandFailed
from bench.profile import profile_build

# The targets at 10,000 pages (ratios hold at any size, absolute ones there).
TARGETS = {
    "ratio_full": ("≤", 0.6),
    "edit_rebuild_s": ("≤", 2.0),
    "ci_ratio": ("≤", 0.25),
    "peak_rss_mb": ("≤", 2048),
    "article_bytes_gz": ("≤", 20 * 1024),
    "first_query_bytes": ("≤", 150 * 1024),
}


def machine():
    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    def output(*command):
        return subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    pagefind = output(str(builds.pagefind_bin.get_executable()), "--version")
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": sys.version.split()[0],
        "pelican": version("pelican"),
        "markdown": version("markdown"),
        "jinja2": version("jinja2"),
        "pagefind": pagefind,
        "git_head": output("git", "rev-parse", "--short", "HEAD"),
        "worktree_dirty": bool(output("git", "status", "--porcelain")),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }


def measure(args, workspace):
    result = {
        "pages": args.pages,
        "seed": args.seed,
        "repeat": args.repeat,
        "attachments": len(workspace.archive.attachments),
    }
    ours_runs, reference_runs = [], []
    for round_number in range(args.repeat):  # alternating, so drifting load hits both alike
        print(f"  full build {round_number + 1}/{args.repeat} …", flush=True)
        ours_runs.append(
            builds.build_ours(workspace, workspace.root / "out", f"ours-{round_number}")
        )
        print(f"  reference build {round_number + 1}/{args.repeat} …", flush=True)
        reference_runs.append(
            builds.build_reference(workspace, workspace.root / "ref", f"ref-{round_number}")
        )

    def median(runs, key):
        return statistics.median(key(r) for r in runs)

    result.update(
        {
            "full_s": round(median(ours_runs, lambda r: r.wall_s), 2),
            "full_pelican_s": round(median(ours_runs, lambda r: r.pelican.wall_s), 2),
            "full_search_s": round(median(ours_runs, lambda r: r.search.wall_s), 2)
            if ours_runs[0].search
            else None,
            "search_by": ours_runs[0].search_by,
            "reference_s": round(median(reference_runs, lambda r: r.wall_s), 2),
            "reference_pelican_s": round(median(reference_runs, lambda r: r.pelican.wall_s), 2),
            "reference_search_s": round(median(reference_runs, lambda r: r.search.wall_s), 2),
            "full_cpu_s": round(median(ours_runs, lambda r: r.cpu_s), 2),
            "reference_cpu_s": round(median(reference_runs, lambda r: r.cpu_s), 2),
            "full_runs_s": [round(r.wall_s, 2) for r in ours_runs],
            "reference_runs_s": [round(r.wall_s, 2) for r in reference_runs],
            "peak_rss_mb": round(max(r.peak_rss_mb for r in ours_runs)),
            "pelican_peak_rss_mb": round(max(r.pelican.peak_rss_mb for r in ours_runs)),
            "search_peak_rss_mb": round(
                max(
                    r.search.peak_rss_mb if r.search else r.pelican.peak_by_name.get("pagefind", 0)
                    for r in ours_runs
                )
            ),
            "reference_peak_rss_mb": round(max(r.peak_rss_mb for r in reference_runs)),
            "reference_search_peak_rss_mb": round(
                max(r.search.peak_rss_mb for r in reference_runs)
            ),
        }
    )
    result["ratio_full"] = round(result["full_s"] / result["reference_s"], 3)
    result["ratio_full_cpu"] = round(result["full_cpu_s"] / result["reference_cpu_s"], 3)
    out, ref = workspace.root / "out", workspace.root / "ref"
    result["output_files"] = sum(len(files) for _, _, files in os.walk(out))

    print("  bytes of an article page and a first search query …", flush=True)
    slugs = [p.slug for p in incremental.articles(workspace)]
    site_url = os.environ.get("SITEURL", "https://lararkiv.helsingborg.se")
    result.update(transfer.article_weights(out, slugs, site_url) or {})
    reference_weight = transfer.article_weights(ref, slugs)
    result["reference_article_bytes_gz"] = reference_weight and reference_weight["article_bytes_gz"]
    query = transfer.first_query_bytes(out)
    result.update(query or {"first_query_bytes": None})
    reference_query = transfer.first_query_bytes(ref)
    result["reference_first_query_bytes"] = reference_query and reference_query["first_query_bytes"]

    print("  CI: cache restored, 1 % changed …", flush=True)
    seeded, ci, changed = incremental.ci_incremental(workspace, workspace.root / "out-ci")
    result.update(
        {
            "ci_incremental_s": round(ci.wall_s, 2),
            "ci_changed_pages": changed,
            "ci_incremental_cpu_s": round(ci.cpu_s, 2),
            "ci_cache_seed_s": round(seeded.wall_s, 2),
            "ci_ratio": round(ci.wall_s / result["full_s"], 3),
            "ci_ratio_cpu": round(ci.cpu_s / result["full_cpu_s"], 3),
        }
    )

    print("  one-page edit with Pelican's content cache …", flush=True)
    cached = incremental.cached_edit_rebuild(workspace, workspace.root / "out-cache")
    result["cached_edit_rebuild_s"] = round(cached.wall_s, 2)
    result["cached_edit_rebuild_cpu_s"] = round(cached.cpu_s, 2)

    if not args.skip_serve:
        print("  one-page edit in `invoke serve` …", flush=True)
        served = preview.measure_invoke_serve(workspace, timeout=60 + args.pages * 0.05)
        result.update(
            {
                "edit_rebuild_s": served.visible_median and round(served.visible_median, 2),
                "edit_rebuild_done_s": served.done_median and round(served.done_median, 2),
                "edit_rebuild_runs_s": [round(v, 2) for v in served.visible_s],
                "new_page_visible_s": served.new_page_visible_s and round(served.new_page_visible_s, 2),
                "serve_first_build_s": served.first_build_s and round(served.first_build_s, 2),
                "edit_rebuild_error": served.error,
            }
        )
    if args.profile:
        print("  profiling one full build …", flush=True)
        result["profile"] = profile_build(workspace, workspace.root / "out-profile")
    return result


def table(result):
    rows = [
        ("pages", result["pages"], ""),
        (
            "full build incl. search (s)",
            result["full_s"],
            f"pelican {result['full_pelican_s']} + search {result['full_search_s'] or 'in build'}",
        ),
        (
            "reference: stock Pelican + Pagefind (s)",
            result["reference_s"],
            f"pelican {result['reference_pelican_s']} + pagefind {result['reference_search_s']}",
        ),
        ("ratio_full", result["ratio_full"], "target ≤ 0.6"),
        (
            "CPU s: full / reference",
            f"{result['full_cpu_s']} / {result['reference_cpu_s']}",
            f"ratio {result['ratio_full_cpu']} (less sensitive to other load)",
        ),
        ("edit → visible in invoke serve (s)", result.get("edit_rebuild_s"), "target ≤ 2"),
        ("invoke new → visible in invoke serve (s)", result.get("new_page_visible_s"), ""),
        ("edit rebuild, Pelican cache (s)", result.get("cached_edit_rebuild_s"), ""),
        (
            "CI, 1 % changed, cache restored (s)",
            result["ci_incremental_s"],
            f"ratio {result['ci_ratio']}, target ≤ 0.25; CPU {result['ci_incremental_cpu_s']} s",
        ),
        ("peak memory, full build (MB)", result["peak_rss_mb"], "target ≤ 2048"),
        ("  of which search step (MB)", result["search_peak_rss_mb"], ""),
        (
            "reference peak / its Pagefind (MB)",
            f"{result['reference_peak_rss_mb']} / {result['reference_search_peak_rss_mb']}",
            "",
        ),
        (
            "article page HTML+CSS gzip (B)",
            result.get("article_bytes_gz"),
            f"max {result.get('article_bytes_gz_max')}, target ≤ 20480",
        ),
        (
            "first search query (B)",
            result.get("first_query_bytes"),
            f"reference {result.get('reference_first_query_bytes')}, target ≤ 153600",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value!s:>10}  {note}" for name, value, note in rows]
    if result.get("profile"):
        lines.append("\nprofile of one full build (own time by module group):")
        total = result["profile"]["profiled_s"] or 1
        lines += [
            f"  {name:<44} {seconds:>7.2f} s  {100 * seconds / total:5.1f} %"
            for name, seconds in result["profile"]["groups"].items()
            if seconds >= 0.01
        ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, required=True, help="pages in the synthetic archive")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=1, help="alternating full/reference rounds (median)"
    )
    parser.add_argument(
        "--ref", help="measure this git revision's code instead of the working tree"
    )
    parser.add_argument("--profile", action="store_true", help="also profile one full build")
    parser.add_argument("--skip-serve", action="store_true", help="do not drive `invoke serve`")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    args = parser.parse_args(argv)

    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python", "bench/run.py", *(argv or sys.argv[1:])]),
        "machine": machine(),
    }
    root = Path(tempfile.mkdtemp(prefix=f"lararkiv-bench-{args.pages}-"))
    print(f"workspace {root}", flush=True)
    status = 0
    try:
        workspace = builds.prepare(root / "w", args.pages, args.seed, ref=args.ref)
        result.update(measure(args, workspace))
    except CommandFailed as failure:
        # A build that fails on valid synthetic content is a finding: show why.
        print(f"\nBUILD FAILED (log kept in {root}):\n{failure}", file=sys.stderr)
        result["error"] = str(failure)
        args.keep, status = True, 1
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    if "full_s" in result:
        print("\n" + table(result))
    if args.json:
        args.json.write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"\nJSON: {args.json}")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
