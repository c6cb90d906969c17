"""A panic in the compiled core (a bug) reaches the caller as ``korrektor.CoreError``, a
``RuntimeError`` with the panic's message, not as PyO3's ``PanicException`` (a
``BaseException`` that no ``except Exception`` catches): a corpus run reports the record and
goes on."""

import json

import pytest
from click.testing import CliRunner

import korrektor
from korrektor import _core, pipeline
from korrektor.cli import main

MARK = "Paniktext"  # the records whose correction panics hold this word


def _panics_on_mark(original):
    def correct_document(text, config):
        if MARK in text:
            _core._panic(f"a test panic on {MARK!r}")
        return original(text, config)

    return correct_document


def test_the_core_raises_pyo3s_panic_exception_which_no_except_exception_catches():
    with pytest.raises(_core.PanicException, match="boom"):
        _core._panic("boom")
    assert not issubclass(_core.PanicException, Exception)


def test_correct_turns_a_panic_into_core_error_with_its_message(monkeypatch):
    monkeypatch.setattr(pipeline, "_correct_document", _panics_on_mark(pipeline._correct_document))
    with pytest.raises(korrektor.CoreError, match=f"compiled core failed.*test panic on '{MARK}'.*bug") as e:
        korrektor.correct(f"Der {MARK} steht hier.")
    assert isinstance(e.value, RuntimeError) and isinstance(e.value.__cause__, _core.PanicException)
    # a text without the mark is corrected as before: the boundary costs nothing else
    assert korrektor.correct("Die Schiiler lernen.").text == "Die Schüler lernen."


def test_a_batch_run_reports_the_record_whose_correction_panicked_and_goes_on(tmp_path, monkeypatch):
    # --jobs 1: the records are corrected in this process, where the patch is
    monkeypatch.setattr(pipeline, "_correct_document", _panics_on_mark(pipeline._correct_document))
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = ["Die Schiiler lernen.", f"Der {MARK} steht hier.", "Das ist fiir alle."]
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in enumerate(texts)), encoding="utf-8")
    r = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "-j", "1"])
    assert r.exit_code == 1, r.output  # finished, with a failed record
    done = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["id"], d["text"]) for d in done] == [(0, "Die Schüler lernen."), (2, "Das ist für alle.")]
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["line"] for e in errors] == [2]
    assert errors[0]["error"].startswith("internal error: CoreError: korrektor's compiled core failed")
