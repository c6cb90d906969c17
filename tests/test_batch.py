"""korrektor batch / score at corpus scale: order, errors, compression, directories, resume."""

import gzip
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

import korrektor
from korrektor.cli import main

from conftest import DATA


def _pages():
    return [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]


def _records(n, size=600):
    """``n`` records with OCR text from the fixture pairs (cut to ``size`` characters) and extra
    fields that must pass through untouched."""
    pages = _pages()
    return [{"id": i, "text": pages[i % len(pages)]["ocr"][:size], "meta": {"k": i, "tags": ["a", None]}}
            for i in range(n)]


def _write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    d = tmp_path_factory.mktemp("small")
    recs = _records(12, size=300)
    _write_jsonl(d / "in.jsonl", recs)
    expected = "".join(json.dumps(dict(r, text=korrektor.correct(r["text"]).text), ensure_ascii=False) + "\n"
                       for r in recs)
    return d, recs, expected


def test_parallel_output_equals_library_in_order(small, tmp_path):
    d, recs, expected = small
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        r = _run("batch", d / "in.jsonl", "-o", out, "--jobs", jobs)
        assert r.exit_code == 0, r.output
        assert out.read_text(encoding="utf-8") == expected
    assert not list(tmp_path.glob("*.partial*")), "no partial files are left after a finished run"


def test_with_edits_and_other_field(tmp_path):
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [{"body": "Die Prufung ist ,gut\".", "text": "unberührt"}])
    out = tmp_path / "out.jsonl"
    r = _run("batch", src, "-o", out, "--field", "body", "--with-edits", "-j", "1")
    assert r.exit_code == 0, r.output
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["body"] == "Die Prüfung ist „gut“." and rec["text"] == "unberührt"
    assert {e["before"] for e in rec["edits"]} >= {"Prufung"}


BAD = [
    '{"id": 1, "text": "Die Prufung"}',
    "",
    '{"id": 2, "text": 5}',
    '{"id": 3}',
    "[1, 2]",
    '{"id": 4, "text": ',
]


def _bad_input(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_bytes(("\n".join(BAD) + "\n").encode() + b'{"id": 5, "text": "\xff"}\n{"id": 6, "text": "gut"}\n')
    return src


def test_bad_records_go_to_error_file_and_run_continues(tmp_path):
    src = _bad_input(tmp_path)
    out = tmp_path / "out.jsonl"
    r = _run("batch", src, "-o", out, "-j", "2")
    assert r.exit_code == 1, r.output  # the run went on, but some records failed
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == [1, 6]
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["line"], e["error"]) for e in errors] == [
        (2, "empty line"),
        (3, "the record holds a number, not a string, in its field 'text'"),
        (4, "the record has no field 'text'"),
        (5, "expected a JSON object, not list"),
        (6, "malformed JSON: Expecting value at column 19"),
        (7, "not valid UTF-8 (byte 0xff at column 20)"),
    ]
    assert errors[1]["record"] == '{"id": 2, "text": 5}' and errors[0]["input"] == str(src)
    assert "line 2: empty line" in r.output and "6 bad record(s)" in r.output


def test_on_error_skip_file_and_fail(tmp_path):
    src = _bad_input(tmp_path)
    out = tmp_path / "out.jsonl"
    r = _run("batch", src, "-o", out, "--on-error", "skip")
    assert r.exit_code == 1 and len(out.read_text().splitlines()) == 2
    assert not (tmp_path / "out.errors.jsonl").exists()

    errs = tmp_path / "my-errors.jsonl"
    r = _run("batch", src, "-o", out, "--on-error", f"file:{errs}")
    assert r.exit_code == 1 and len(errs.read_text().splitlines()) == 6

    out2 = tmp_path / "out2.jsonl"
    r = _run("batch", src, "-o", out2, "--on-error", "fail")
    assert r.exit_code == 2 and f"{src}, line 2: empty line" in r.output
    assert not out2.exists() and not list(tmp_path.glob("out2*")), "a failed run leaves nothing behind"

    r = _run("batch", src, "-o", out2, "--on-error", "bogus")
    assert r.exit_code == 2 and "skip, fail or file:PATH" in r.output


def test_compressed_input_and_output(small, tmp_path):
    zstandard = pytest.importorskip("zstandard")
    d, recs, expected = small
    gz = tmp_path / "in.jsonl.gz"
    gz.write_bytes(gzip.compress((d / "in.jsonl").read_bytes()))
    out_zst = tmp_path / "out.jsonl.zst"
    assert _run("batch", gz, "-o", out_zst, "-j", "2").exit_code == 0
    assert zstandard.ZstdDecompressor().stream_reader(out_zst.read_bytes()).read().decode() == expected
    out_gz = tmp_path / "out.jsonl.gz"
    r = _run("batch", out_zst, "-o", out_gz, "-j", "1", "--no-words", "--no-typography", "--no-layout")
    assert r.exit_code == 0, r.output
    assert gzip.decompress(out_gz.read_bytes()).decode() == expected  # already corrected: unchanged

    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gz.read_bytes()[:-30])
    r = _run("batch", broken, "-o", tmp_path / "x.jsonl")
    assert r.exit_code == 2 and "cannot read the compressed input" in r.output


def test_stdin_to_stdout(small):
    d, recs, expected = small
    r = CliRunner().invoke(main, ["batch", "-", "-o", "-", "-j", "1"], input=(d / "in.jsonl").read_text())
    assert r.exit_code == 0 and r.stdout == expected


def test_directory_mode_mirrors_tree(tmp_path):
    src = tmp_path / "pages"
    (src / "a" / "b").mkdir(parents=True)
    (src / "one.txt").write_text("Die Prufung ist ,gut\".\n", encoding="utf-8")
    (src / "a" / "b" / "two.txt").write_text("Der Integra-\ntionsplan\n", encoding="utf-8")
    (src / "a" / "bad.txt").write_bytes(b"\xff\xfe kaputt")
    (src / "notes.md").write_text("nicht anfassen", encoding="utf-8")
    out = tmp_path / "fixed"
    r = _run("batch", src, "-o", out, "-j", "2")
    assert r.exit_code == 1, r.output  # bad.txt failed
    assert (out / "one.txt").read_text(encoding="utf-8") == "Die Prüfung ist „gut“.\n"
    assert (out / "a" / "b" / "two.txt").read_text(encoding="utf-8") == "Der Integrationsplan\n"
    assert not (out / "notes.md").exists() and not (out / "a" / "bad.txt").exists()
    errors = [json.loads(x) for x in (tmp_path / "fixed.errors.jsonl").read_text().splitlines()]
    assert len(errors) == 1 and errors[0]["input"].endswith("bad.txt") and "not valid UTF-8" in errors[0]["error"]

    # --resume skips files already written (each is written atomically, so complete)
    (out / "one.txt").write_text("schon fertig", encoding="utf-8")
    r = _run("batch", src, "-o", out, "--resume", "-j", "1")
    assert r.exit_code == 1, r.output  # bad.txt is tried again, and fails again
    assert (out / "one.txt").read_text(encoding="utf-8") == "schon fertig"
    assert "resuming: 2 of 3 file(s) already there" in r.output
    r = _run("batch", src, "-o", src / "inner")
    assert r.exit_code == 2 and "must not be the input directory" in r.output


def test_min_quality_flags_or_drops_and_score(tmp_path):
    src = tmp_path / "in.jsonl"
    garbage = "Dle ~~Prüf#ng d€r L6$ung ist ,,gu+ü{ und x7y4 qzq wvx." * 3
    _write_jsonl(src, [{"id": 1, "text": "Die Prüfung der Lösung ist gut und richtig."}, {"id": 2, "text": garbage}])
    out = tmp_path / "out.jsonl"
    assert _run("batch", src, "-o", out, "--min-quality", "0.9").exit_code == 0
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [g["quality"]["ok"] for g in got] == [True, False]
    r = _run("batch", src, "-o", out, "--min-quality", "0.9", "--low-quality", "drop")
    assert r.exit_code == 0 and "1 dropped" in r.output
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [1]

    assert _run("score", src, "-o", out).exit_code == 0
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert got[1]["text"] == garbage, "score leaves the text as it is"
    assert got[0]["quality"]["cer_before"] < 0.02 < got[1]["quality"]["cer_before"]


# ----------------------------------------------------------------------------------------------
# Interruption and --resume: kill the CLI with SIGKILL mid-run, resume, compare byte for byte.

def _cli(*args):
    return [sys.executable, "-c", "import sys; from korrektor.cli import main; sys.exit(main())", *map(str, args)]


def _start(args):
    # own session: the kill below reaches the worker processes too; frequent checkpoints so
    # that the run can be caught in the middle however fast the machine is
    env = dict(os.environ, KORREKTOR_CHECKPOINT_SECONDS="0.05")
    return subprocess.Popen(_cli(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, env=env)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_kill_and_resume_gives_identical_output(tmp_path, suffix):
    recs = _records(600, size=700)
    recs[17] = {"id": 17, "text": 42}  # a bad record: its error record must survive the resume too
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, recs)
    clean, out = tmp_path / f"clean{suffix}", tmp_path / f"out{suffix}"
    assert subprocess.run(_cli("batch", src, "-o", clean, "-j", "2"), capture_output=True).returncode == 1

    state = tmp_path / f"out{suffix}.partial.json"
    proc = _start(["batch", src, "-o", out, "-j", "2"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if state.exists() and json.loads(state.read_text())["lines_done"] > 30:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted; make the input longer"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "a killed run leaves no output file"
    done = json.loads(state.read_text())["lines_done"]
    assert 0 < done < len(recs)

    r = subprocess.run(_cli("batch", src, "-o", out, "-j", "2", "--resume"), capture_output=True)
    assert r.returncode == 1, r.stderr  # finished, with the one bad record (counted across the kill)
    assert out.read_bytes() == clean.read_bytes()
    assert (tmp_path / "out.errors.jsonl").read_bytes() == (tmp_path / "clean.errors.jsonl").read_bytes()
    assert not list(tmp_path.glob("*.partial*"))


def test_resume_refuses_other_options_and_restarts_without_state(tmp_path, small):
    d, recs, expected = small
    out = tmp_path / "out.jsonl"
    # a partial output without state (killed before the first checkpoint): starts over
    (tmp_path / "out.jsonl.partial").write_text('{"half": ', encoding="utf-8")
    r = _run("batch", d / "in.jsonl", "-o", out, "--resume", "-j", "1")
    assert r.exit_code == 0 and out.read_text(encoding="utf-8") == expected
    # a state from a run with other options must not be continued
    (tmp_path / "out.jsonl.partial").write_text("", encoding="utf-8")
    state = {"fingerprint": {"version": 1, "input": "elsewhere"}, "lines_done": 3, "out_bytes": 0,
             "err_bytes": 0, "stats": {"records": 0, "chars": 0, "errors": 0, "dropped": 0}}
    (tmp_path / "out.jsonl.partial.json").write_text(json.dumps(state), encoding="utf-8")
    r = _run("batch", d / "in.jsonl", "-o", out, "--resume")
    assert r.exit_code == 2 and "the input or the options differ" in r.output
    r = _run("batch", d / "in.jsonl", "-o", "-", "--resume")
    assert r.exit_code == 2 and "--resume needs an output file" in r.output


def test_skipped_rules_in_batch_and_its_resume_fingerprint(tmp_path, small):
    """``--skip-rule`` reaches every record; the state's fingerprint holds the config as JSON
    (skip_rules a sorted list), so a run with other rules switched off is not continued."""
    from korrektor import batch
    from korrektor.config import Config

    d, recs, expected = small
    out = tmp_path / "out.jsonl"
    r = _run("batch", d / "in.jsonl", "-o", out, "-j", "1", "--skip-rule", "remove_specks", "--skip-rule", "join_lines")
    assert r.exit_code == 0, r.output
    config = Config(skip_rules={"join_lines", "remove_specks"})
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["text"] for g in got] == [korrektor.correct(rec["text"], config).text for rec in recs]
    assert out.read_text(encoding="utf-8") != expected

    def fingerprint(config):
        return batch._fingerprint(str(d / "in.jsonl"), batch.Options(config=config), batch._Errors("skip", None, "x"))

    assert fingerprint(config)["options"]["config"]["skip_rules"] == ["join_lines", "remove_specks"]
    assert json.loads(json.dumps(fingerprint(config))) == fingerprint(config)
    assert fingerprint(config) != fingerprint(Config(skip_rules={"remove_specks"}))
    assert fingerprint(config) == fingerprint(Config(skip_rules=["remove_specks", "join_lines"]))


class _Killed(BaseException):
    """Stands for SIGKILL: raised where a kill would stop the run, it skips all later steps."""


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.bz2", ".jsonl.xz"])
@pytest.mark.parametrize("moment", ["before the output moves", "after the output moved"])
def test_a_kill_while_moving_finished_files_resumes(tmp_path, monkeypatch, suffix, moment):
    from korrektor import batch

    recs = _records(8, size=200)
    recs[3] = {"id": 3, "text": None}  # a bad record: its error file is moved into place first
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, recs)
    clean, out = tmp_path / f"clean{suffix}", tmp_path / f"out{suffix}"
    assert _run("batch", src, "-o", clean, "-j", "1").exit_code == 1  # one bad record

    finalize = batch.jsonl._finalize

    def killed_at_the_output(partial, target):
        if target == out:
            if moment == "after the output moved":
                finalize(partial, target)
            raise _Killed
        finalize(partial, target)

    monkeypatch.setattr(batch.jsonl, "_finalize", killed_at_the_output)  # where run_jsonl finds it
    with pytest.raises(_Killed):
        _run("batch", src, "-o", out, "-j", "1")
    monkeypatch.undo()
    assert (tmp_path / f"out{suffix}.partial.json").exists()

    r = _run("batch", src, "-o", out, "-j", "1", "--resume")
    assert r.exit_code == 1, r.output  # the bad record of the killed run still counts
    assert out.read_bytes() == clean.read_bytes()
    assert (tmp_path / "out.errors.jsonl").read_bytes() == (tmp_path / "clean.errors.jsonl").read_bytes()
    assert not list(tmp_path.glob("*.partial*"))


# ----------------------------------------------------------------------------------------------
# Compression by file name: .gz, .zst, .bz2, .xz; other compression suffixes are refused.

@pytest.mark.parametrize("suffix, decompress", [(".bz2", "bz2"), (".xz", "lzma")])
def test_bz2_and_xz_input_and_output(small, tmp_path, suffix, decompress):
    import importlib

    codec = importlib.import_module(decompress)
    d, recs, expected = small
    src = tmp_path / f"in.jsonl{suffix}"
    src.write_bytes(codec.compress((d / "in.jsonl").read_bytes()))
    out = tmp_path / f"out.jsonl{suffix}"
    r = _run("batch", src, "-o", out, "-j", "1")
    assert r.exit_code == 0, r.output
    assert codec.decompress(out.read_bytes()).decode("utf-8") == expected, "compressed, not plain JSONL"
    again = tmp_path / f"again.jsonl{suffix}"
    assert _run("batch", src, "-o", again, "-j", "2").exit_code == 0
    assert again.read_bytes() == out.read_bytes(), "the same content gives the same bytes"

    broken = tmp_path / f"broken.jsonl{suffix}"
    broken.write_bytes(src.read_bytes()[:-20])
    r = _run("batch", broken, "-o", tmp_path / "x.jsonl")
    assert r.exit_code == 2 and "cannot read the compressed input" in r.output, r.output


@pytest.mark.parametrize("command", ["batch", "score"])
@pytest.mark.parametrize("which, name", [("-o", "out.jsonl.lz4"), ("-o", "out.jsonl.zip"),
                                          ("-o", "out.jsonl.lzma"), ("input", "in.jsonl.br"),
                                          ("--on-error", "errors.jsonl.Z")])
def test_a_compression_that_cannot_be_written_or_read_is_refused_up_front(tmp_path, command, which, name):
    src = tmp_path / ("in.jsonl" if which != "input" else name)
    src.write_text('{"text": "Die Prufung"}\n', encoding="utf-8")
    args = [command, src, "-o", tmp_path / ("out.jsonl" if which != "-o" else name)]
    if which == "--on-error":
        args += ["--on-error", f"file:{tmp_path / name}"]
    r = _run(*args)
    suffix = "." + name.rsplit(".", 1)[1].lower()
    assert r.exit_code == 2, r.output
    assert f"cannot {'read' if which == 'input' else 'write'} {suffix} files; use .gz, .zst, .bz2 or .xz" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name], "nothing written"


# ----------------------------------------------------------------------------------------------
# --resume when there is nothing to resume; exit statuses; unwritable outputs; empty pages.

def test_resume_of_a_finished_output_does_nothing(small, tmp_path):
    d, recs, expected = small
    out = tmp_path / "out.jsonl"
    assert _run("batch", d / "in.jsonl", "-o", out, "-j", "1").exit_code == 0
    out.write_text("finished earlier\n", encoding="utf-8")  # proves it is neither redone nor overwritten
    r = _run("batch", d / "in.jsonl", "-o", out, "-j", "1", "--resume")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == f"korrektor: {out}: already complete, nothing to resume"
    assert out.read_text(encoding="utf-8") == "finished earlier\n"
    assert not list(tmp_path.glob("*.partial*"))
    # no output and no state: a first run, started from the beginning
    fresh = tmp_path / "fresh.jsonl"
    r = _run("batch", d / "in.jsonl", "-o", fresh, "-j", "1", "--resume")
    assert r.exit_code == 0 and "nothing to resume, starting from the beginning" in r.output
    assert fresh.read_text(encoding="utf-8") == expected


def test_resume_of_a_finished_directory_does_nothing(tmp_path):
    from korrektor.batch import Options, run_directory

    src = tmp_path / "pages"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text("Die Prufung ist gut.\n", encoding="utf-8")
    out = tmp_path / "fixed"
    assert _run("batch", src, "-o", out, "-j", "1").exit_code == 0
    r = _run("batch", src, "-o", out, "-j", "1", "--resume")
    assert r.exit_code == 0 and r.output.strip() == \
        f"korrektor: {out}: already complete (all 3 files are there), nothing to resume"
    assert run_directory(str(src), str(out), Options(), jobs=1, resume=True).already_complete


def test_resume_of_a_directory_removes_the_temporaries_of_killed_writes(tmp_path):
    """A worker killed mid-write leaves atomic_writer's ``.NAME.XXXXXXXX.tmp`` beside the mirror it
    was writing; --resume removes those (of the files it writes, and only those) and redoes the file."""
    src = tmp_path / "pages"
    (src / "sub").mkdir(parents=True)
    for rel in ("0.txt", "1.txt", "sub/2.txt"):
        (src / rel).write_text("Die Prufung ist gut.\n", encoding="utf-8")
    out, clean = tmp_path / "fixed", tmp_path / "clean"
    assert _run("batch", src, "-o", clean, "-j", "1", "--with-edits").exit_code == 0
    assert _run("batch", src, "-o", out, "-j", "1", "--with-edits").exit_code == 0
    # the state a kill leaves: 1.txt and sub/2.txt's edits never moved into place
    (out / "1.txt").unlink()
    (out / "sub" / "2.edits.json").unlink()
    (out / "sub" / "2.txt").unlink()
    left = [out / ".1.txt.k3x_9q2a.tmp", out / "sub" / ".2.edits.json.abcdefgh.tmp"]
    foreign = [out / ".notes.txt.abcdefgh.tmp", out / "keep.tmp", out / ".1.txt.tmp"]
    for p in left + foreign:
        p.write_text("half a page", encoding="utf-8")
    r = _run("batch", src, "-o", out, "-j", "1", "--with-edits", "--resume")
    assert r.exit_code == 0, r.output
    assert not any(p.exists() for p in left)
    assert all(p.exists() for p in foreign), "files that are not the temporaries of this run stay"
    for p in foreign:
        p.unlink()
    got = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert got == sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*"))
    assert all((out / rel).read_bytes() == (clean / rel).read_bytes() for rel in got if (clean / rel).is_file())


@pytest.mark.parametrize("command", ["batch", "score"])
@pytest.mark.parametrize("output", ["out.jsonl", "-"])
def test_failed_records_make_the_exit_status_1(tmp_path, command, output):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "Die Prufung"}\n{"id": 2}\n[3]\n{"text": 4}\n\n{"text": null}\n'
                   '{"id": 7, "text": "gut"}\n', encoding="utf-8")  # 5 of 7 records are bad
    target = output if output == "-" else tmp_path / output
    r = _run(command, src, "-o", target, "-j", "1")
    assert r.exit_code == 1, r.output
    assert "korrektor: 5 bad record(s)" in r.output  # the summary stays
    if output != "-":
        assert len(target.read_text(encoding="utf-8").splitlines()) == 2, "the good records are written"
        assert len((tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()) == 5


def test_dropped_records_are_no_failure(tmp_path):
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [{"id": 1, "text": "Die Prüfung der Lösung ist gut."},
                       {"id": 2, "text": "Dle ~~Prüf#ng d€r L6$ung ist ,,gu+ü{ x7y4 qzq." * 3}])
    r = _run("batch", src, "-o", tmp_path / "out.jsonl", "--min-quality", "0.9", "--low-quality", "drop")
    assert r.exit_code == 0 and "1 dropped" in r.output


@pytest.mark.parametrize("command, mode", [("batch", "directory"), ("batch", "jsonl"), ("score", "jsonl")])
def test_an_output_that_cannot_be_written_is_exit_2_and_names_it(tmp_path, command, mode):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    if mode == "directory":
        src = tmp_path / "pages"
        src.mkdir()
        (src / "one.txt").write_text("Die Prufung", encoding="utf-8")
        args = [command, src, "-o", blocker / "out"]
        where = blocker / "out"
    else:  # the output can be written, the error file cannot
        src = tmp_path / "in.jsonl"
        src.write_text('{"text": "Die Prufung"}\n', encoding="utf-8")
        where = blocker / "errors.jsonl"
        args = [command, src, "-o", tmp_path / "out.jsonl", "--on-error", f"file:{where}"]
    r = _run(*args)
    assert r.exit_code == 2, r.output
    assert r.output.startswith(f"korrektor: error: {where}") and len(r.output.strip().splitlines()) == 1
    assert "Traceback" not in r.output and not (tmp_path / "out.jsonl").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_output_directory_is_exit_2(tmp_path):
    src = tmp_path / "pages"
    src.mkdir()
    (src / "one.txt").write_text("Die Prufung", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        r = _run("batch", src, "-o", out)
    finally:
        out.chmod(0o755)
    assert r.exit_code == 2 and "cannot write there" in r.output and str(out) in r.output


def test_empty_pages_of_a_directory_are_copied_and_counted(tmp_path):
    from korrektor.batch import Options, run_directory

    src = tmp_path / "pages"
    src.mkdir()
    (src / "one.txt").write_text("Die Prufung ist gut.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b"  \n\t\n")
    out = tmp_path / "fixed"
    r = _run("batch", src, "-o", out, "-j", "1", "--with-edits")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == "korrektor: 2 empty file(s) copied unchanged"
    assert (out / "empty.txt").read_bytes() == b"" and (out / "blank.txt").read_bytes() == b"  \n\t\n"
    assert json.loads((out / "blank.edits.json").read_text(encoding="utf-8")) == []
    stats = run_directory(str(src), str(tmp_path / "again"), Options(), jobs=1)
    assert (stats.records, stats.empty, stats.errors) == (1, 2, 0)


def test_help_of_score_promises_no_directories():
    batch_help = _run("batch", "--help").output
    score_help = _run("score", "--help").output
    assert "directory" in batch_help and ".bz2" in batch_help
    assert "directory" not in score_help and ".xz" in score_help


def test_resume_after_a_failed_run_beside_an_older_output_continues(small, tmp_path, monkeypatch):
    """An output from an earlier run and no state is a finished run, but only if the new run left
    nothing behind: a run that failed (a full disk) before its first periodic checkpoint leaves
    its initial state, and --resume must then do the work, not take the old output for done."""
    from korrektor import batch

    d, recs, expected = small
    out = tmp_path / "out.jsonl"
    out.write_text("earlier output\n", encoding="utf-8")

    def full_disk(opts, chunk):
        raise OSError(28, "No space left on device", str(out) + ".partial")

    monkeypatch.setattr(batch.jsonl, "process_chunk", full_disk)
    r = _run("batch", d / "in.jsonl", "-o", out, "-j", "1")
    assert r.exit_code == 1 and "No space left on device" in r.output
    assert out.read_text(encoding="utf-8") == "earlier output\n", "a failed run leaves the old output alone"
    monkeypatch.undo()
    r = _run("batch", d / "in.jsonl", "-o", out, "-j", "1", "--resume")
    assert r.exit_code == 0 and "already complete" not in r.output, r.output
    assert out.read_text(encoding="utf-8") == expected
