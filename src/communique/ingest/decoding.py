"""Bytes to text: Unicode with or without byte-order mark, and the legacy encodings of the field.

Order of decisions: byte-order mark; UTF-16/32 recognised by where the NUL bytes fall; strict
UTF-8 (or UTF-8 with a few stray bytes); then the legacy candidates (Windows-1258 and VISCII for
Vietnamese, GB18030/GBK and Big5 for Chinese, UTF-16 without BOM) decoded strictly and ranked
by `plausibility.score`, a charset the file declares breaking near-ties; then the declared
charset itself; then UTF-8 lines mixed with lines of one legacy encoding, each read in its own;
last, charset-normalizer's guess. The text returned is NFC with `\\n` line ends."""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from collections.abc import Callable

from charset_normalizer import from_bytes

from communique.errors import RejectedInput
from communique.ingest import plausibility, viscii

# A legacy candidate must score at least this (share of plausible non-ASCII units) to be chosen;
# real text scores above 0.9, wrong decodings of it mostly below 0.5.
MIN_PLAUSIBILITY = 0.7
# Added to the score of the encoding the file itself declares (HTML meta charset), to break near-ties.
DECLARED_BONUS = 0.05
# Text with more than this share of control characters (other than tab, newlines, form feed) is binary.
MAX_CONTROL_SHARE = 0.02
# UTF-8 with at most this share of invalid sequences among its non-ASCII characters is taken as
# UTF-8 with a few stray bytes (e.g. a file cut in the middle of a character), not as legacy text.
MAX_UTF8_ERROR_SHARE = 0.01
# UTF-16 without BOM: NUL bytes on one parity (the high byte of ASCII and Latin characters) make up
# at least this share of that parity's bytes, and the other parity has at most this share as many.
UTF16_MIN_NUL_SHARE = 0.1
UTF16_MAX_OTHER_PARITY = 0.2
# Only this many leading bytes are inspected for the NUL pattern.
NUL_SAMPLE_BYTES = 65536
# Candidate decodings are checked in full but scored on this many leading characters.
SCORE_SAMPLE_CHARS = 100_000

BOMS: list[tuple[bytes, str]] = [  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def _codec(name: str) -> Callable[[bytes], str]:
    return lambda data: data.decode(name)


# Legacy candidates, in order of preference when scores tie: name -> strict decoder.
LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": _codec("cp1258"),
    "gb18030": _codec("gb18030"),
    "big5": _codec("big5"),
    "cp950": _codec("cp950"),
    "viscii": viscii.decode,
}
# UTF-16 without BOM or telling NUL pattern (e.g. pure CJK): tried last, judged like the legacy ones.
UTF16_DECODERS: dict[str, Callable[[bytes], str]] = {
    "utf-16-le": _codec("utf-16-le"),
    "utf-16-be": _codec("utf-16-be"),
}
# Declared charset names (after codecs.lookup) that mean one of the candidates.
DECLARED_FAMILY = {
    "cp1258": "cp1258",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "cp950": "cp950",
    "big5hkscs": "cp950",
    "viscii": "viscii",
}
# A Greek-to-NKo letter (U+0370-U+07FF, what legacy letter pairs turn into when read as UTF-8)
# glued to an ASCII letter: real text hardly mixes scripts inside a word.
_MISREAD_UTF8 = re.compile("[A-Za-z][\u0370-\u07ff]|[\u0370-\u07ff][A-Za-z]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc less tab, newlines, \v and \f


def normalize_text(text: str) -> str:
    """Return `text` with `\\r\\n` and `\\r` turned into `\\n` and NFC-normalised."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def unicode_encoding(data: bytes) -> str | None:
    """Name of the UTF-8/16/32 encoding a byte-order mark or the NUL-byte pattern shows, else None.

    Takes the leading bytes of a file; returns e.g. 'utf-8' (BOM), 'utf-16-le', 'utf-32-be'.
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return _nul_pattern(data[:NUL_SAMPLE_BYTES])


def _nul_pattern(sample: bytes) -> str | None:
    if b"\0" not in sample:
        return None
    if len(sample) >= 4:
        quads = [sample[i::4] for i in range(4)]
        if quads[2].count(0) == len(quads[2]) and quads[3].count(0) == len(quads[3]):
            return "utf-32-le"
        if quads[0].count(0) == len(quads[0]) and quads[1].count(0) == len(quads[1]):
            return "utf-32-be"
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    if odd >= UTF16_MIN_NUL_SHARE * half and even <= UTF16_MAX_OTHER_PARITY * odd:
        return "utf-16-le"
    if even >= UTF16_MIN_NUL_SHARE * half and odd <= UTF16_MAX_OTHER_PARITY * even:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "", declared: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file; return (NFC text with `\\n` line ends, encoding name).

    `declared` is a charset the file names for itself (e.g. an HTML meta charset); it is a hint,
    not trusted blindly. Raises RejectedInput(path, reason) for empty, binary or undecodable data.
    """
    if not data:
        raise RejectedInput(path, "empty file")
    text, encoding = _decode(data, path, declared)
    text = normalize_text(text)
    if not text.strip():
        raise RejectedInput(path, "empty file (only whitespace)")
    controls = len(_CONTROLS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise RejectedInput(path, f"binary data ({controls / len(text):.0%} control characters)")
    return text, encoding


def _decode(data: bytes, path: str, declared: str | None) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        text = _utf8(body)
        if text is None:
            raise RejectedInput(path, "undecodable: invalid UTF-8 after a UTF-8 byte-order mark")
        return text, "utf-8"
    for bom, name in BOMS:
        if data.startswith(bom):
            return _decode_unicode(data[len(bom) :], name, path)
    name = _nul_pattern(data[:NUL_SAMPLE_BYTES])
    if name:
        return _decode_unicode(data, name, path)
    if b"\0" in data:
        # CJK in UTF-16 has few NULs (only from characters like U+4E00 and ASCII): judge by the text
        utf16 = _most_plausible(data, UTF16_DECODERS)
        if utf16 is None:
            raise RejectedInput(path, "binary data (NUL bytes)")
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        lossy = _utf8(data)
        return (lossy, "utf-8") if lossy is not None else _decode_legacy(data, path, declared)
    if not _MISREAD_UTF8.search(text):
        return text, "ascii" if text.isascii() else "utf-8"
    # short legacy text can happen to be valid UTF-8 ('ướ' in VISCII is U+07FE): a second opinion
    return _most_plausible(data, LEGACY_DECODERS) or (text, "utf-8")


def _utf8(data: bytes) -> str | None:
    """UTF-8 text, with a few invalid bytes (at most MAX_UTF8_ERROR_SHARE, or a character cut off at
    the end) replaced by U+FFFD; else None."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.end == len(data) and error.reason == "unexpected end of data":
            try:
                return data[: error.start].decode("utf-8") + "\ufffd"
            except UnicodeDecodeError:
                pass
    lossy = data.decode("utf-8", errors="replace")
    errors = lossy.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(lossy) - len(lossy.encode("ascii", errors="ignore"))
    return lossy if errors <= MAX_UTF8_ERROR_SHARE * non_ascii else None


def _decode_unicode(data: bytes, name: str, path: str) -> tuple[str, str]:
    try:
        return data.decode(name), name
    except UnicodeDecodeError as error:
        raise RejectedInput(path, f"undecodable: invalid {name} ({error.reason})") from None


def _decode_legacy(data: bytes, path: str, declared: str | None) -> tuple[str, str]:
    declared_codec = _lookup(declared)
    preferred = DECLARED_FAMILY.get(declared_codec or "")
    best = _most_plausible(data, {**LEGACY_DECODERS, **UTF16_DECODERS}, preferred)
    if best:
        return best
    if declared_codec and declared_codec not in DECLARED_FAMILY:
        try:
            return data.decode(declared_codec), declared_codec
        except UnicodeDecodeError:
            pass
    mixed = _by_lines(data, preferred)
    if mixed:
        return mixed
    guess = from_bytes(data).best()
    if guess is not None:
        return str(guess), guess.encoding
    raise RejectedInput(path, "undecodable: not UTF-8, and no known encoding gives plausible text")


def _most_plausible(
    data: bytes, decoders: dict[str, Callable[[bytes], str]], preferred: str | None = None
) -> tuple[str, str] | None:
    """(text, name) of the strict decoding that scores best, if one reaches MIN_PLAUSIBILITY."""
    best: tuple[float, str, str] | None = None  # (rank, name, text)
    for name, decoder in decoders.items():
        try:
            text = decoder(data)
        except UnicodeDecodeError:
            continue
        quality = plausibility.score(unicodedata.normalize("NFC", text[:SCORE_SAMPLE_CHARS]))
        rank = quality + (DECLARED_BONUS if name == preferred else 0.0)
        if quality >= MIN_PLAUSIBILITY and (best is None or rank > best[0]):
            best = (rank, name, text)
    return (best[2], _narrowest(best[1], data)) if best else None


def _by_lines(data: bytes, preferred: str | None) -> tuple[str, str] | None:
    """Text pasted together from sources in two encodings (UTF-8 lines, and lines in one legacy
    encoding): each line read in its own, named e.g. "utf-8+cp1258"; None unless the UTF-8 lines hold
    non-ASCII text and the other lines, together, decode plausibly in one legacy encoding."""
    lines = data.split(b"\n")
    utf8_lines: dict[int, str] = {}
    for n, line in enumerate(lines):
        with contextlib.suppress(UnicodeDecodeError):
            utf8_lines[n] = line.decode("utf-8")
    others = [n for n in range(len(lines)) if n not in utf8_lines]
    if not others or all(text.isascii() for text in utf8_lines.values()):
        return None
    legacy = _most_plausible(b"\n".join(lines[n] for n in others), LEGACY_DECODERS, preferred)
    if legacy is None:
        return None
    name = legacy[1]
    decoder = LEGACY_DECODERS.get(name) or _codec(name)
    return "\n".join(utf8_lines[n] if n in utf8_lines else decoder(lines[n]) for n in range(len(lines))), \
        f"utf-8+{name}"


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name.replace("-", "").startswith("viscii"):
        return "viscii"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _narrowest(name: str, data: bytes) -> str:
    """Name GB text that fits GBK 'gbk' (GB18030 is a superset) and CP950 text that fits Big5 'big5'."""
    narrower = {"gb18030": "gbk", "cp950": "big5"}.get(name)
    if narrower:
        try:
            if data.decode(narrower) == data.decode(name):
                return narrower
        except UnicodeDecodeError:
            pass
    return name
