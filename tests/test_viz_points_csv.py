"""The rules of a points file (logreg_viz.points_csv): what the data editor writes reads back exactly, and every bad
file is refused with a ValueError that names the problem and, where there is one, the line."""

import numpy as np
import pytest

from logreg_data import WINDOW
from logreg_viz.points_csv import (
    HEADER,
    MAX_BYTES,
    MAX_POINTS,
    PointsFileError,
    download_link,
    points_from_csv,
    points_to_csv,
    read_points_csv,
)

GOOD = "x1,x2,label\n0.5,1.0,0\n-0.25,0.75,1\n"

# name: (file content, the line named or None, fragments of the message)
BAD_FILES = {
    "empty": (b"", None, ["the file is empty", HEADER]),
    "only blanks": (b"  \n\n \r\n", None, ["the file is empty"]),
    "header only": (b"x1,x2,label\n", None, ["header but no points"]),
    "header and blank lines": (b"x1,x2,label\n\n  \n", None, ["header but no points"]),
    "no header": (b"0.5,1.0,0\n0.2,0.3,1\n", 1, ["must be the header x1,x2,label", "starts with numbers"]),
    "another header": (b"a,b,c\n0.5,1.0,0\n", 1, ["must be the header x1,x2,label", "'a,b,c'"]),
    "semicolons": (b"x1;x2;label\n0.5;1.0;0\n", 1, ["separated by ';'", "commas"]),
    "a missing column": (b"x1,x2,label\n0.5,1.0,0\n0.2,1\n", 3, ["expected 3 values", "found 2",
                                                                   "a column is missing"]),
    "a missing column everywhere": (b"x1,x2,label\n0.5,1\n", 2, ["found 2", "a column is missing"]),
    "too many columns": (b"x1,x2,label\n0.5,1.0,0,7\n", 2, ["found 4", "too many columns"]),
    "a word for x1": (b"x1,x2,label\nabc,1.0,0\n", 2, ["x1 is not a number", "'abc'"]),
    "an empty x2": (b"x1,x2,label\n0.5,,0\n", 2, ["x2 is not a number", "''"]),
    "a decimal comma": (b"x1,x2,label\n0,5,1,0\n", 2, ["found 4"]),
    "NaN": (b"x1,x2,label\n0.5,1.0,0\nnan,0.2,1\n", 3, ["x1 is 'nan'", "finite", "no NaN"]),
    "inf": (b"x1,x2,label\n0.5,inf,0\n", 2, ["x2 is 'inf'", "finite"]),
    "-inf": (b"x1,x2,label\n0.5,-Infinity,0\n", 2, ["x2 is '-Infinity'"]),
    "a number too large for a float": (b"x1,x2,label\n1e999,0.5,0\n", 2, ["x1 is '1e999'", "finite"]),
    "label 2": (b"x1,x2,label\n0.5,1.0,0\n0.2,-0.3,2\n", 3, ["the label must be 0 or 1", "'2'"]),
    "label -1": (b"x1,x2,label\n0.5,1.0,-1\n", 2, ["the label must be 0 or 1", "'-1'"]),
    "label 0.5": (b"x1,x2,label\n0.5,1.0,0.5\n", 2, ["the label must be 0 or 1", "'0.5'"]),
    "a word for the label": (b"x1,x2,label\n0.5,1.0,yes\n", 2, ["the label must be 0 or 1", "'yes'"]),
    "label nan": (b"x1,x2,label\n0.5,1.0,nan\n", 2, ["the label must be 0 or 1"]),
    "an empty label": (b"x1,x2,label\n0.5,1.0,\n", 2, ["the label must be 0 or 1", "''"]),
    "outside the window": (b"x1,x2,label\n0.5,1.0,0\n2.5,0.0,1\n", 3, ["outside the editor's window",
                                                                      "from -2 to 2"]),
    "a NUL byte": (b"x1,x2,label\n0.5,1.0,0\n\x00\x01\x02", 3, ["NUL byte", "not a text file"]),
    "a PNG": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, ["NUL byte", "not a text file"]),
    "bytes that are not UTF-8": (b"\x89\xfe\xff junk", 1, ["byte 0x89 is not UTF-8 text"]),
    "Latin-1 text": (b"x1,x2,label\n0.5,1.0,0\n\xe9,1,0\n", 3, ["byte 0xe9 is not UTF-8 text"]),
    "UTF-16 text": ("x1,x2,label\n0.5,1.0,0\n".encode("utf-16"), 1, ["NUL byte", "not a text file"]),
    "too many points": ((HEADER + "\n" + "0.5,0.5,1\n" * (MAX_POINTS + 1)).encode(), None,
                        [f"holds {MAX_POINTS + 1} points", f"at most {MAX_POINTS} points", "MAX_POINTS"]),
    "too many bytes": (b"x1,x2,label\n" + b" " * MAX_BYTES, None, ["too large", "MB"]),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_every_bad_file_is_refused_naming_the_problem_and_the_line(case):
    content, line, fragments = BAD_FILES[case]
    with pytest.raises(ValueError) as caught:
        points_from_csv(content, name="points.csv", window=WINDOW)
    error = caught.value
    assert isinstance(error, PointsFileError) and error.line == line
    message = str(error)
    expected_start = "points.csv" + ("" if line is None else f", line {line}") + ": "
    assert message.startswith(expected_start), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert "\n" not in message and len(message) < 300  # one readable line


def test_without_a_name_the_message_starts_with_the_line():
    with pytest.raises(PointsFileError, match=r"^line 3: the label must be 0 or 1; got '2'$"):
        points_from_csv("x1,x2,label\n0.5,1.0,0\n0.2,-0.3,2\n")
    with pytest.raises(PointsFileError, match="^the file is empty"):
        points_from_csv("")


def test_a_good_file_in_all_its_allowed_forms():
    X, y = points_from_csv(GOOD)
    np.testing.assert_array_equal(X, [[0.5, 1.0], [-0.25, 0.75]])
    np.testing.assert_array_equal(y, [0, 1])
    assert X.dtype == np.float64 and y.dtype.kind == "i"
    variants = [
        GOOD.replace("\n", "\r\n"),  # Windows line ends
        "\ufeff" + GOOD,  # a byte-order mark, as spreadsheets write
        GOOD.replace("x1,x2,label", " X1 , x2,LABEL "),  # spaces and case in the header
        GOOD.replace("0.5,1.0,0", " 0.5 , 1.0 , 0.0 ").replace(",1\n", ",1.0\n"),  # spaces, labels as numbers
        "\n\n" + GOOD.replace("\n0.5", "\n\n0.5") + "\n\n",  # blank lines anywhere
        GOOD.rstrip("\n"),  # no newline at the end
    ]
    for text in variants:
        for data in (text, text.encode("utf-8")):
            X2, y2 = points_from_csv(data)
            np.testing.assert_array_equal(X2, X)
            np.testing.assert_array_equal(y2, y)


def test_the_written_file_reads_back_exactly():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.uniform(-2, 2, size=(200, 2)), [[0.1, -0.0], [2.0, -2.0], [1e-300, 5e-324],
                                                       [1 / 3, -2 / 3]]])
    y = rng.integers(0, 2, size=len(X))
    text = points_to_csv(X, y)
    assert text.startswith("x1,x2,label\n") and text.endswith("\n") and text.count("\n") == len(X) + 1
    X2, y2 = points_from_csv(text, window=WINDOW)
    assert X2.tobytes() == X.tobytes()  # to the last bit, the sign of -0.0 included
    np.testing.assert_array_equal(y2, y)


def test_at_most_max_points_is_accepted_and_a_window_is_optional():
    X, y = points_from_csv(HEADER + "\n" + "0.5,0.5,1\n" * MAX_POINTS)
    assert len(y) == MAX_POINTS
    X, y = points_from_csv("x1,x2,label\n100,-50,1\n")  # no window: anywhere
    np.testing.assert_array_equal(X, [[100.0, -50.0]])


def test_read_points_csv_reads_a_file_and_names_it(tmp_path):
    (tmp_path / "mine.csv").write_bytes(GOOD.encode())
    X, y = read_points_csv(tmp_path / "mine.csv")
    assert len(y) == 2
    (tmp_path / "huge.csv").write_bytes(b"x1,x2,label\n" + b"0.5,0.5,1\n" * 200_000)  # 2 MB
    with pytest.raises(PointsFileError, match=r"^huge\.csv: the file is too large"):
        read_points_csv(tmp_path / "huge.csv")


def test_the_download_link_holds_the_file():
    import base64
    import re

    X, y = np.array([[0.5, 1.0], [-0.25, 0.75]]), np.array([0, 1])
    link = download_link(X, y, "a b.csv")
    payload = re.search(r'href="data:text/csv;base64,([A-Za-z0-9+/=]+)"', link).group(1)
    assert base64.b64decode(payload).decode() == points_to_csv(X, y)
    assert 'download="a b.csv"' in link and "2 points" in link
    assert "nothing to download" in download_link(np.empty((0, 2)), np.empty(0, dtype=int))
