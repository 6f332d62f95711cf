"""Where one build's time goes, phase by phase (no profiler overhead).

    python bench/phases.py PROJECT OUTPUT [--settings publishconf.py]

PROJECT is a project folder (ours, e.g. a bench workspace's `ours/` kept with
`--keep`); OUTPUT an output folder. Runs the build as `invoke build` does
(lararkiv.runner) and prints the seconds of: reading and validation
(each generator's reading and each plugin's check of the whole site, and the
CPU of the build process and of the reading workers), each generator's
writing, and each `finalized` receiver (search index, sitemap).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

BUILD_DATE = "2024-12-02 12:00"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project")
    parser.add_argument("output")
    parser.add_argument("--settings", default="publishconf.py")
    options = parser.parse_args(argv)
    output = os.path.abspath(options.output)
    os.chdir(options.project)
    sys.path.insert(0, "plugins")
    from pelican.plugins import signals  # noqa: PLC0415

    from lararkiv import runner  # noqa: PLC0415

    runner.init_logging()
    settings = runner.load_settings(options.settings, "content", output, {"ARCHIVE_BUILD_DATE": BUILD_DATE})
    pelican = runner.new_pelican(settings)
    start = time.perf_counter()
    cpu = time.process_time()
    for cls in pelican._get_generator_classes():
        if "generate_context" in vars(cls):
            cls.generate_context = timed(cls.generate_context, f"read {cls.__name__}")
    for receiver in list(signals.all_generators_finalized.receivers_for(pelican)):
        name = f"check {receiver.__module__}.{receiver.__name__}"
        signals.all_generators_finalized.disconnect(receiver)
        signals.all_generators_finalized.connect(timed(receiver, name), weak=False)
    generators = runner.read_site(pelican)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"read and validate  {time.perf_counter() - start:6.1f} s"
        f" (CPU: build process {time.process_time() - cpu:.1f} s,"
        f" reading workers {workers.ru_utime + workers.ru_stime:.1f} s)"
    )
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    writer = pelican._get_writer()
    for generator in generators:
        if hasattr(generator, "generate_output"):
            began = time.perf_counter()
            generator.generate_output(writer)
            print(f"  write {type(generator).__name__:24} {time.perf_counter() - began:6.1f} s")
    for receiver in signals.finalized.receivers_for(pelican):
        began = time.perf_counter()
        receiver(pelican)
        print(f"  finalized {receiver.__module__}.{receiver.__name__} {time.perf_counter() - began:6.1f} s")
    print(f"total              {time.perf_counter() - start:6.1f} s")


def timed(step, name):
    """``step``, printing how long each call took: a generator's reading, or
    a plugin's check of all of it."""

    def run(*args, **kwargs):
        began = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            print(f"  {name:62} {time.perf_counter() - began:6.2f} s")

    return run


if __name__ == "__main__":
    main()
