"""Same input, byte-identical output: CI can diff and cache builds."""

from sitebuild import pelican_build, snapshot


def test_two_builds_are_byte_identical(tmp_path, site):
    again = tmp_path / "again"
    result = pelican_build(again)
    assert result.returncode == 0, result.stderr
    first, second = snapshot(site.root), snapshot(again)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, differing[:10]
