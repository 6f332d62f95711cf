"""Inputs that ended in an English Python traceback (issue 20) end in one
Swedish line naming the file instead, and nothing is written."""

from __future__ import annotations

import json
import re
import runpy
import textwrap

import pytest
from archive_model.errors import ContentError
from archive_model.model import Fields, build_metadata
from archive_model.registry import load_registry
from archive_model.yaml_loader import load_with_lines
from sitebuild import ROOT

PLUGINS = runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]
PAGE = "---\ntitle: {title}\ndate: 2019-02-08\ntype: nyhet\n---\n\nText.\n"

# A plugin that removes the other pages once the first is read: a file
# listed when the build started is gone when its turn comes (an editor's
# save, a git checkout, a sync while `invoke serve` rebuilds).
VANISH = textwrap.dedent('''
    import os
    from pelican import signals

    def vanish(generator, metadata):
        for path in generator.settings["VANISHING"]:
            if os.path.exists(path) and os.path.basename(path) != metadata.get("slug", "") + ".md":
                os.remove(path)

    def register():
        signals.article_generator_context.connect(vanish)
''')


def test_a_page_deleted_while_the_build_runs_is_one_swedish_line(small_site, tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "vanish_during_build.py").write_text(VANISH, encoding="utf-8")
    paths = [small_site.write(f"nyheter/{name}.md", PAGE.format(title=name)) for name in ("forsta", "andra")]
    paths.append(small_site.content / "nyheter" / "en-giltig-nyhet.md")
    result = small_site.build(
        "-e", f"PLUGIN_PATHS={json.dumps([str(ROOT / 'plugins'), str(tmp_path / 'plugins')])}",
        f"PLUGINS={json.dumps([*PLUGINS, 'vanish_during_build'])}", f"VANISHING={json.dumps([str(p) for p in paths])}",
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "Traceback" not in log and "Could not process" not in log, log
    gone = re.findall(r"^  content/nyheter/(\S+)\.md: filen finns inte längre: den togs bort eller flyttades "
                      r"medan bygget pågick — bygg igen$", log, re.M)
    assert len(gone) == 2, log
    assert not small_site.output.exists()


REGISTRY = load_registry(ROOT / "data" / "registry.yaml")


@pytest.mark.parametrize(
    ("front", "words"),
    [
        ('title: "Träff\\nfredag"', "fält 'title': har en radbrytning"),
        ('title: "Träff\\r"', None),  # at the end: stripped, as spaces are
        ('title: "Träff\\u2028fredag"', "fält 'title': har en radbrytning"),
        ('title: "Träff\\0fredag"', "fält 'title': har ett styrtecken (U+0000)"),
        ('title: Träff\nauthor: "Anna\\nSvensson"', "fält 'author': har en radbrytning"),
        ('title: Träff\nevent: {start: 2019-02-08 10:00, location: "Rum\\n4"}', "fält 'event.location': har en radbrytning"),
        ('title: Träff\nevent: {start: 2019-02-08 10:00, note: "Rad ett.\\nRad två."}', None),
    ],
)
def test_a_one_line_value_refuses_line_breaks_and_control_characters(front, words):
    raw, lines = load_with_lines(front + "\ndate: 2019-01-15\ntype: inbjudan\n", 2)
    fields = Fields("content/inbjudningar/x.md", lines, REGISTRY, {"TIMEZONE": "Europe/Stockholm"})
    if words is None:
        build_metadata(raw, fields)
        return
    with pytest.raises(ContentError) as error:
        build_metadata(raw, fields)
    assert words in str(error.value)
