"""A self-contained HTML report of one correction: the original and the corrected text side by
side with every edit highlighted, and a table of the edits and doubts.

The file has no external resources (inline CSS and a few lines of optional JavaScript that link an
edit in one column to its partner in the other), so it can be mailed or archived as it is.

    from korrektor.report import render
    html = render(text, korrektor.correct(text), title="seite-12.txt")
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Sequence

from . import __version__
from .edits import Edit, format_confidence, line_finder, output_spans
from .pipeline import Result
from .rules import Kind

__all__ = ["KIND_LABELS", "kind_label", "render"]

#: German names of the kinds of edit the stages give (:class:`korrektor.rules.Kind`), keyed by their
#: values. The review page (web/review.js, KIND_NAMES) uses the same words; tests check both against
#: the enum.
KIND_LABELS = {
    Kind.WORD.value: "Wort",
    Kind.PUNCTUATION.value: "Satzzeichen",
    Kind.SPECK.value: "OCR-Rest",
    Kind.GLYPH.value: "Zeichenform",
    Kind.QUOTE.value: "Anführungszeichen",
    Kind.DASH.value: "Strich",
    Kind.HYPHENATION.value: "Silbentrennung",
    Kind.FURNITURE.value: "Kopfzeile/Seitenzahl",
    Kind.LAYOUT.value: "Zeilenumbruch",
    Kind.UNICODE.value: "Zeichenkodierung",
}
_KINDS = tuple(KIND_LABELS)

_CSS = """
:root{--word:#fde68a;--quote:#bfdbfe;--dash:#c7d2fe;--punctuation:#fed7aa;--speck:#fecaca;--glyph:#a5f3fc;--hyphenation:#bbf7d0;--furniture:#d1d5db;--layout:#e5e7eb;--unicode:#fbcfe8;--other:#ddd6fe}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,"DejaVu Sans",sans-serif;color:#1d2330;background:#f2f3f6}
header{padding:12px 24px;background:#1d2330;color:#fff}
header h1{margin:0;font-size:19px}
header p{margin:2px 0 0;color:#aab4c8;font-size:13px}
main{max-width:1400px;margin:0 auto;padding:16px 24px 40px}
.summary{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;margin-bottom:14px;font-size:14px}
.chip{padding:1px 8px;border-radius:4px;font-size:13px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
.col h2,section h2{font-size:15px;margin:0 0 6px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font:16px/1.7 Georgia,"DejaVu Serif",serif;background:#fbfaf7;border:1px solid #d9dee7;border-radius:6px;padding:14px 18px}
.e{border-radius:3px;padding:0 1px;border-bottom:2px solid rgba(0,0,0,.25)}
.e.c-mid{border-bottom-color:#b54708}
.e.c-low{border-bottom:2px dashed #c2410c}
.e.hl{outline:2px solid #2452b5;outline-offset:1px}
.orig .e,.key del{text-decoration:line-through;text-decoration-color:rgba(180,35,24,.7)}
.corr .e,.key ins{text-decoration:underline;text-decoration-thickness:1px;text-underline-offset:.15em}
.e.empty::after{content:"∅";color:#98a2b3;font-size:.75em}
.br{display:inline-block;margin:0 .3em;padding:0 .25em;border:1px dashed #667085;border-radius:3px;font:11px/1.35 system-ui,"DejaVu Sans",sans-serif;color:#475467;background:#fff;vertical-align:.1em;text-decoration:none}
.br::before{content:"−⏎"}
.br.ins::before{content:"+⏎"}
.key{font-size:13px;color:#475467;margin:-6px 0 14px}
.key ins,.key del{font-family:Georgia,"DejaVu Serif",serif}
.k-word{background:var(--word)}.k-quote{background:var(--quote)}.k-dash{background:var(--dash)}.k-punctuation{background:var(--punctuation)}
.k-speck{background:var(--speck)}.k-glyph{background:var(--glyph)}
.k-hyphenation{background:var(--hyphenation)}.k-furniture{background:var(--furniture)}.k-layout{background:var(--layout)}.k-unicode{background:var(--unicode)}.k-other{background:var(--other)}
section{margin-top:22px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #e4e7ec;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f7f8fa}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td code{font:13px "DejaVu Sans Mono",ui-monospace,monospace;white-space:pre-wrap}
tr.hl td{background:#eef2fa}
"""

_JS = """
document.addEventListener("mouseover",function(ev){
  var t=ev.target.closest?ev.target.closest("[data-e]"):null;
  document.querySelectorAll(".hl").forEach(function(x){x.classList.remove("hl")});
  if(!t)return;
  document.querySelectorAll('[data-e="'+t.getAttribute("data-e")+'"]').forEach(function(x){x.classList.add("hl")});
});
"""


def _kind_class(kind: str) -> str:
    return " ".join(f"k-{k if k in _KINDS else 'other'}" for k in kind.split("+"))


def kind_label(kind: str) -> str:
    """The German name of an edit's kind; a combined kind by its parts ("Silbentrennung + Wort"). A
    kind without a name (a stage added later) shows as it is rather than not at all."""
    return " + ".join(KIND_LABELS.get(k, k) for k in kind.split("+"))


def _conf_class(c: float) -> str:
    return "c-high" if c >= 0.9 else "c-mid" if c >= 0.7 else "c-low"


def _visible(s: str) -> str:
    return "∅" if s == "" else s.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥")


def _tooltip(e: Edit) -> str:
    alts = f"\noder: {', '.join(_visible(a) for a in e.alternatives)}" if e.alternatives else ""
    return (f"{kind_label(e.kind)} · {e.rule} · Konfidenz {format_confidence(e.confidence)}\n"
            f"{_visible(e.before)} → {_visible(e.after)}{alts}")


def _break_marker(e: Edit) -> str:
    """A marker for a line break the edit removes (or adds), as an element of its own with space
    around it: a joined line shown as a small sign between two halves ("Integra↵tionsplan") reads
    as one glued word. It is empty (its sign comes from the CSS), so a column's text stays exactly
    the original or the corrected text, for copying and for the tests."""
    removed, added = e.before.count("\n"), e.after.count("\n")
    if removed > added:
        return '<span class="br" role="img" aria-label="Zeilenumbruch entfernt" title="Zeilenumbruch entfernt"></span>'
    if added > removed:
        return '<span class="br ins" role="img" aria-label="Zeilenumbruch eingefügt" title="Zeilenumbruch eingefügt"></span>'
    return ""


def _with_marker(piece: str, marker: str) -> str:
    """The piece, escaped, with the marker where its first line break is (in the original: after
    the hyphen of "Integra-"), else before it (in the corrected text the break is gone)."""
    cut = piece.find("\n")
    if cut < 0:
        cut = 0
    return html.escape(piece[:cut]) + marker + html.escape(piece[cut:])


def _marked(text: str, spans: Sequence[tuple[int, int]], edits: Sequence[Edit]) -> str:
    esc = html.escape
    out, pos = [], 0
    for i, ((s, t), e) in enumerate(zip(spans, edits)):
        out.append(esc(text[pos:s]))
        piece = text[s:t]
        cls = f"e {_kind_class(e.kind)} {_conf_class(e.confidence)}" + (" empty" if not piece else "")
        out.append(f'<span class="{cls}" data-e="{i}" title="{esc(_tooltip(e))}">{_with_marker(piece, _break_marker(e))}</span>')
        pos = t
    out.append(esc(text[pos:]))
    return "".join(out)


def _table(text: str, edits: Sequence[Edit], anchor: bool) -> str:
    esc = html.escape
    rows = []
    line_of = line_finder(text)
    for i, e in enumerate(edits):
        line = line_of(e.start)
        data = f' data-e="{i}"' if anchor else ""
        rows.append(
            f"<tr{data}><td class=n>{i + 1}</td><td class=n>{line}</td><td class=n>{e.start}</td>"
            f'<td><span class="chip {_kind_class(e.kind)}">{esc(kind_label(e.kind))}</span></td>'
            f"<td><code>{esc(_visible(e.before))}</code></td><td><code>{esc(_visible(e.after))}</code></td>"
            f"<td class=n>{format_confidence(e.confidence)}</td><td>{esc(e.rule)}</td>"
            f"<td><code>{esc(', '.join(_visible(a) for a in e.alternatives))}</code></td></tr>")
    head = ("<tr><th>#</th><th>Zeile</th><th>Offset</th><th>Art</th><th>vorher</th><th>nachher</th>"
            "<th>Konfidenz</th><th>Regel</th><th>Alternativen</th></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def render(text: str, result: Result, title: str = "korrektor") -> str:
    """The report as one HTML document (a str)."""
    esc = html.escape
    edits = list(result.edits)
    orig_spans = [(e.start, e.end) for e in edits]
    out_spans = output_spans(edits)
    counts = Counter(str(e.kind) for e in edits)
    chips = "".join(f'<span class="chip {_kind_class(k)}" data-kind="{esc(k)}">{esc(kind_label(k))}: {n}</span>'
                    for k, n in counts.most_common())
    low = sum(1 for e in edits if e.confidence < 0.7)
    doubts = ""
    if result.doubts:
        doubts = (f"<section><h2>Nicht angewandt ({len(result.doubts)}): Vorschläge unter der Schwelle</h2>"
                  f"{_table(text, list(result.doubts), anchor=False)}</section>")
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} – korrektor</title><style>{_CSS}</style></head>
<body><header><h1>{esc(title)}</h1><p>korrektor {__version__} · {len(edits)} Änderungen, {len(result.doubts)} nicht
angewandte Vorschläge · {len(text)} Zeichen</p></header>
<main>
<div class="summary"><span>{len(edits)} Änderungen</span>{chips}<span>{low} mit Konfidenz unter 0,7 (gestrichelt)</span></div>
<p class="key">Original: <del>durchgestrichen</del> = entfernt · Korrigiert: <ins>unterstrichen</ins> = eingesetzt ·
<span class="br" title="Zeilenumbruch entfernt"></span> Zeilenumbruch entfernt · ∅ nichts</p>
<div class="cols">
<div class="col"><h2>Original</h2><div class="text orig">{_marked(text, orig_spans, edits)}</div></div>
<div class="col"><h2>Korrigiert</h2><div class="text corr">{_marked(result.text, out_spans, edits)}</div></div>
</div>
<section><h2>Änderungen</h2>{_table(text, edits, anchor=True)}</section>
{doubts}
</main><script>{_JS}</script></body></html>
"""
