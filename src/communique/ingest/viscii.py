"""VISCII 1.1 (RFC 1456), the 8-bit Vietnamese encoding that Python ships no codec for.

The byte table lives in `data/viscii.json` (256 entries; VISCII puts six capital letters on the
C0 controls 0x02, 0x05, 0x06, 0x14, 0x19 and 0x1E and the rest of the 134 Vietnamese letters
on 0x80-0xFF).
"""

from __future__ import annotations

import codecs
import json
import unicodedata
from functools import cache
from importlib import resources

NAME = "viscii"
TABLE_FILE = "data/viscii.json"


@cache
def _tables() -> tuple[str, object]:
    """(decoding table as a 256-character string, encoding map built by `codecs.charmap_build`)."""
    data = json.loads(resources.files(__package__).joinpath(TABLE_FILE).read_text("utf-8"))
    decoding = "".join(chr(int(entry.removeprefix("U+"), 16)) for entry in data["decode"])
    if len(decoding) != 256 or len(set(decoding)) != 256:
        raise ValueError(f"{TABLE_FILE}: expected 256 distinct code points")
    return decoding, codecs.charmap_build(decoding)


def decode(data: bytes, errors: str = "strict") -> str:
    """Decode VISCII bytes to text (precomposed letters; every byte is defined, so it never fails)."""
    return codecs.charmap_decode(data, errors, _tables()[0])[0]


def encode(text: str, errors: str = "strict") -> bytes:
    """Encode text to VISCII bytes after NFC (VISCII only has precomposed letters).

    Raises UnicodeEncodeError for characters outside VISCII unless `errors` says otherwise.
    """
    return codecs.charmap_encode(unicodedata.normalize("NFC", text), errors, _tables()[1])[0]
