#!/usr/bin/env python3
"""CER of a scanned PDF's text layer made by OCRmyPDF, without and with ``--plugin korrektor.ocrmypdf``.

Pages are made like ../shared/bench: German text we wrote (below; not from any corpus), typeset on
an A4 page at 300 dpi in a common font, degraded like a scan (blur, noise, slight rotation), saved
as an image-only PDF, then OCR'd by OCRmyPDF with Tesseract's English model (the common mistake
that loses every umlaut) and, for comparison, the German one. The text layer is extracted with
pypdfium2 (or pdfminer) and scored against the ground truth with whitespace normalised (the layer's
line breaks are layout, not text).

    python3 bench/pdf_plugin.py [--langs eng,deu] [--pages N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

PAGES = [
    """Der Gemeinderat hat am Montagabend über den Haushalt für das kommende Jahr beraten. Größter Posten bleibt die Sanierung der Grundschule, deren Dach schon im vergangenen Winter undicht war. Die Kämmerin erklärte, dass die Rücklagen dafür genügen, solange die Gewerbesteuer nicht weiter sinkt.

Außerdem sollen zwei neue Bushaltestellen entstehen, eine davon vor dem Ärztehaus. Mehrere Bürgerinnen und Bürger hatten sich darüber beschwert, dass ältere Menschen den weiten Fußweg kaum schaffen. Der Beschluss fiel einstimmig; die Bauarbeiten beginnen voraussichtlich im Frühjahr.""",
    """Im Museum der Stadt ist seit Freitag eine Ausstellung über die Geschichte der Flößerei zu sehen. Gezeigt werden Werkzeuge, Fotografien und ein nachgebautes Floß, das Schülerinnen und Schüler der Berufsschule gezimmert haben. Die Führungen übernehmen ehrenamtliche Helfer aus dem Heimatverein.

Besonders gefragt sind die Vorträge am Sonntag, in denen erzählt wird, wie mühsam die Arbeit auf dem Fluss früher war. Für Familien gibt es ein Rätselheft, mit dem Kinder die Räume selbständig erkunden können. Der Eintritt ist für Jugendliche unter achtzehn Jahren frei.""",
    """Die Wetterstation auf dem Hügel über dem Dorf misst seit fünfzig Jahren Temperatur, Niederschlag und Wind. Ihre Daten zeigen, dass die Sommer deutlich wärmer und trockener geworden sind. Landwirte aus der Umgebung nutzen die Messreihen, um die Aussaat besser zu planen.

Künftig soll die Station auch die Bodenfeuchte erfassen. Dafür werden an drei Stellen Sonden eingegraben, die ihre Werte über Funk übertragen. Die Kosten von rund zwölftausend Euro übernimmt zum größten Teil ein Förderprogramm des Landes; den Rest trägt die Gemeinde.""",
    """Wer im Rathaus einen neuen Personalausweis beantragen möchte, muss künftig vorher einen Termin vereinbaren. Das Bürgerbüro begründet die Änderung mit langen Wartezeiten, über die sich viele Besucher geärgert hatten. Termine lassen sich telefonisch oder über die Internetseite der Stadt buchen.

Für dringende Fälle bleibt an zwei Vormittagen in der Woche eine offene Sprechstunde. Dort werden vor allem Anliegen bearbeitet, die keinen Aufschub dulden, etwa ein verlorener Reisepass kurz vor einer Reise. Die Öffnungszeiten ändern sich ansonsten nicht.""",
]

FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"]


def layout(text: str, font, width: int) -> list[str]:
    lines = []
    for para in text.split("\n\n"):
        cur = ""
        for word in para.split():
            cand = f"{cur} {word}".strip()
            if font.getlength(cand) <= width:
                cur = cand
            else:
                lines.append(cur)
                cur = word
        lines.append(cur)
        lines.append("")
    return lines[:-1]


def render(text: str, path: Path, seed: int) -> None:
    rng = random.Random(seed)
    fonts = [f for f in FONTS if os.path.exists(f)]
    font = ImageFont.truetype(fonts[seed % len(fonts)], 46)
    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    y = 300
    for line in layout(text, font, 2480 - 2 * 250):
        if line:
            draw.text((250, y), line, font=font, fill=0)
        y += 70
    img = img.rotate(rng.uniform(-0.4, 0.4), fillcolor=255, resample=Image.BICUBIC)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    noise = Image.effect_noise(img.size, rng.uniform(8, 16))
    img = Image.blend(img, noise, 0.08)
    img.convert("RGB").save(path, resolution=300)


def pdf_text(path: Path) -> str:
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    except ImportError:
        from pdfminer.high_level import extract_text

        return extract_text(str(path))


def cer(gt: str, hyp: str) -> float:
    gt, hyp = " ".join(gt.split()), " ".join(hyp.split())
    return Levenshtein.distance(gt, hyp) / max(1, len(gt))


def ocrmypdf(src: Path, dst: Path, lang: str, plugin: bool) -> float:
    cmd = [sys.executable, "-m", "ocrmypdf", "-l", lang, "--output-type", "pdf", "--jobs", "1", "-q"]
    if plugin:
        cmd += ["--plugin", "korrektor.ocrmypdf"]
    t0 = time.perf_counter()
    subprocess.run(cmd + [str(src), str(dst)], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--langs", default="eng,deu")
    ap.add_argument("--pages", type=int, default=len(PAGES))
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for lang in args.langs.split(","):
            res = {"lang": lang, "pages": 0, "cer_before": 0.0, "cer_after": 0.0, "s_before": 0.0,
                   "s_after": 0.0, "worse": 0}
            for i, text in enumerate(PAGES[:args.pages]):
                scan = d / f"scan{i}.pdf"
                if not scan.exists():
                    render(text, scan, i)
                a, b = d / f"{lang}{i}-plain.pdf", d / f"{lang}{i}-korrektor.pdf"
                res["s_before"] += ocrmypdf(scan, a, lang, False)
                res["s_after"] += ocrmypdf(scan, b, lang, True)
                c0, c1 = cer(text, pdf_text(a)), cer(text, pdf_text(b))
                res["cer_before"] += c0
                res["cer_after"] += c1
                res["worse"] += c1 > c0
                res["pages"] += 1
            n = max(1, res["pages"])
            for k in ("cer_before", "cer_after", "s_before", "s_after"):
                res[k] /= n
            rows.append(res)
    print(f"{'lang':<5} {'pages':>5} {'CER plain':>10} {'CER korrektor':>14} {'worse':>6} {'s/page plain':>13} {'s/page plugin':>14}")
    for r in rows:
        print(f"{r['lang']:<5} {r['pages']:>5} {r['cer_before']:>10.2%} {r['cer_after']:>14.2%} {r['worse']:>6} "
              f"{r['s_before']:>13.1f} {r['s_after']:>14.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
