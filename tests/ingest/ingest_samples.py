"""Sentences and encoders shared by the ingest tests (text written for these tests)."""

from __future__ import annotations

import unicodedata

VI = (
    "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Australia Anthony Albanese tại Canberra ngày 7/3/2024. "
    "Hai bên nhất trí nâng cấp quan hệ lên Đối tác Chiến lược Toàn diện.\n"
    "Bộ trưởng Ngoại giao Bùi Thanh Sơn cho biết Việt Nam luôn coi trọng quan hệ hữu nghị truyền thống "
    "với các nước láng giềng và bạn bè quốc tế.\n"
    "Người phát ngôn khẳng định lập trường nhất quán của Việt Nam về Biển Đông."
)
# Upper-case words that need the six VISCII letters stored on C0 control bytes (Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ).
VI_CAPS = "QUỸ HỖ TRỢ KỸ THUẬT CHẲNG NHỮNG KHÔNG Ỷ LẠI MÀ CÒN KIÊNG KỴ LẪN LỘN; NGƯỜI MẸ ẴM CON."
ZH = (
    "国务院总理李强在人民大会堂同越南总理范明政举行会谈。双方一致同意深化全面战略合作伙伴关系，"
    "推进共建“一带一路”合作。外交部发言人表示，中方愿同越方加强高层交往，扩大经贸、科技、教育等领域务实合作。"
    "两国领导人还就共同关心的国际和地区问题交换了意见。"
)
# Traditional characters of the same kind of statement, for Big5.
ZH_HANT = (
    "國務院總理李強在人民大會堂同越南總理范明政舉行會談。雙方一致同意深化全面戰略合作夥伴關係，"
    "推進經貿合作。外交部發言人表示，中方願同越方加強高層交往，擴大經貿、科技、教育等領域務實合作。"
    "兩國領導人還就共同關心的國際和地區問題交換了意見。"
)
# 䶮 (CJK Extension A) is in GB18030 but not in GBK.
ZH_GB18030_ONLY = ZH + "史书记载南汉高祖刘䶮。"
EN = (
    "Prime Minister Pham Minh Chinh held talks with Australian Prime Minister Anthony Albanese in Canberra "
    "on 7 March 2024. The two leaders agreed to upgrade relations to a Comprehensive Strategic Partnership."
)

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def tones_decomposed(text: str) -> str:
    """Vietnamese with every tone mark as a combining character after its (precomposed) base letter,
    the form Windows-1258 stores."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)) + tones)
    return "".join(out)


def cp1258_bytes(text: str) -> bytes:
    """Encode Vietnamese in Windows-1258, tone marks decomposed."""
    return tones_decomposed(text).encode("cp1258")


def cp1258_mixed_bytes(text: str) -> bytes:
    """Encode Vietnamese in Windows-1258, using the precomposed letters the code page has where it can."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            out += tones_decomposed(ch).encode("cp1258")
    return bytes(out)
