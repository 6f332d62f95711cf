"""Öppna lärarkivet's workflow: what the invoke tasks do around Pelican.

Not a Pelican plugin: the site is built by the plugins in plugins/, and
`pelican content -s pelicanconf.py -o DIR` needs nothing from here. This
package runs that build in-process for editors and CI:

- runner: read and check, then write (``invoke check``, ``build``, ``serve``);
- preview: the live preview server (``invoke serve``), with quick_preview
  rendering the saved page before the full rebuild;
- atomic: publish into a new folder and swap it in (``invoke publish``,
  ``invoke rollback``);
- archetypes: new pages from data/arketyper/ (``invoke new``);
- report: the LIX table of ``invoke check``.
"""
