"""PyYAML's errors as an editor can act on them: in Swedish, on the line
where the mistake is (not where the parser gave up), with the usual fix.

PyYAML words its problems in English and for YAML's grammar ("mapping values
are not allowed here"); the few that editors meet are recognised here by that
wording. Any other keeps PyYAML's words, after a Swedish sentence.
"""

from __future__ import annotations

import re

QUOTE_HINT = "sätt texten inom citattecken, t.ex. title: \"Möte: plan för våren\""
INDENT_HINT = ("fält på samma nivå ska ha lika många mellanslag först; "
               "fälten under t.ex. event: har två mellanslag")

# (PyYAML's problem, as a pattern) → (message, hint, mark to point at).
# "context" points at where the construct began: an unclosed quote is
# found at the end of the front matter but written where it opens.
EXPLANATIONS = [
    (r"found character '\\t' that cannot start any token",
     "raden är indragen med tabb", "dra in med mellanslag i stället för tabb", "problem"),
    (r"found character '(?P<char>.)' that cannot start any token",
     "ett värde kan inte börja med tecknet '{char}'", "sätt värdet inom citattecken: \"{char}…\"", "problem"),
    (r"found unexpected end of stream",
     "ett citattecken öppnas men stängs aldrig", "avsluta texten med samma citattecken som den börjar med (\" eller ')",
     "context"),
    (r"mapping values are not allowed here \(in a value\)",
     "ett kolon med mellanslag efter står mitt i ett värde", QUOTE_HINT, "problem"),
    (r"mapping values are not allowed here",
     "raden är indragen men hör inte till fältet ovanför", INDENT_HINT, "problem"),
    (r"could not find expected ':'",
     "raden är inte 'fält: värde'",
     "skriv fält: värde; är det brödtext saknas raden '---' som avslutar fälten ovanför den", "problem"),
    (r"expected <block end>, but found '<scalar>'",
     "text efter ett avslutande citattecken",
     "sätt hela värdet inom citattecken, eller använd andra citattecken inuti: title: 'Om \"Hur ska jag orka?\"'",
     "problem"),
    (r"expected <block end>, but found|did not find expected key|mapping keys are not allowed here",
     "fel indrag", INDENT_HINT, "problem"),
    (r"expected ',' or '(?P<close>[\]}])'",
     "en lista eller ett block inom {open} {close} stängs inte rätt",
     "avsluta med {close} på samma rad och skilj värdena med kommatecken", "context"),
    (r"found an alias, refused",
     "hänvisningar i YAML (&namn och *namn) används inte i front matter",
     "skriv ut värdet där det behövs; är det text som börjar med *, sätt den inom citattecken: title: \"*Viktigt* möte\"",
     "problem"),
    (r"found nesting deeper than the limit",
     "fälten är nästlade i för många nivåer (listor eller block i varandra)",
     "skriv fälten som docs/innehallsmodell.md visar; inga fält ligger mer än några nivåer djupt", "problem"),
    (r"expected alphabetic or numeric character, but found '(?P<char>[*&])'|found undefined alias",
     "ett värde som börjar med * eller & läses som en hänvisning i YAML", QUOTE_HINT.replace("Möte: plan för våren", "*Viktigt* möte"),
     "problem"),
    (r"could not determine a constructor for the tag",
     "ett värde som börjar med ! läses som en typ i YAML", QUOTE_HINT.replace("Möte: plan för våren", "!Obs"), "problem"),
    (r"expected a comment or a line break",
     "ett värde som börjar med | eller > ska fortsätta på nästa rad", QUOTE_HINT.replace("Möte: plan för våren", "> hej"),
     "problem"),
    (r"found duplicate key '(?P<key>.*)'",
     "fältet '{key}' står två gånger", "ta bort den ena raden (den första står på rad {first})", "problem"),
]
OPENING = {"]": "[", "}": "{"}
PREFIX = "ogiltig YAML i front matter"


def explain(exc, first_line):
    """``(line, message, hint)`` for a ``yaml.MarkedYAMLError`` in front
    matter that starts on file line ``first_line``."""
    problem = exc.problem or exc.context or ""
    if problem == "mapping values are not allowed here" and _colon_in_value(exc.problem_mark):
        problem += " (in a value)"
    for pattern, message, hint, at in EXPLANATIONS:
        match = re.search(pattern, problem)
        if match:
            mark = (exc.context_mark if at == "context" else None) or exc.problem_mark or exc.context_mark
            values = {k: v for k, v in match.groupdict().items() if v}
            if "close" in values:
                values["open"] = OPENING[values["close"]]
            if exc.context_mark and exc.context_mark is not mark:
                values["first"] = exc.context_mark.line + first_line
            return _line(mark, first_line), f"{PREFIX}: {message.format(**values)}", hint.format(**values)
    mark = exc.problem_mark or exc.context_mark
    return _line(mark, first_line), f"{PREFIX} ({problem})", "kontrollera indrag och kolon; " + QUOTE_HINT


def _line(mark, first_line):
    return mark.line + first_line if mark else first_line


def _colon_in_value(mark):
    """Whether the refused ':' follows a key on its own line (``title: Möte:
    plan``), rather than starting an indented line (``  date: …``)."""
    buffer = getattr(mark, "buffer", None)
    if not buffer:
        return True
    start = buffer.rfind("\n", 0, mark.pointer) + 1
    return ": " in buffer[start : mark.pointer]
