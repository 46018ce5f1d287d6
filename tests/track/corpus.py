"""A small corpus written for the tracking tests: a Malaysia–Thailand statement, then later news
(an implementation report in Chinese, a speech restating a clause, a report on something else)."""

from __future__ import annotations

from pathlib import Path

STATEMENT = """---
title: Joint Statement on the Malaysia–Thailand Comprehensive Strategic Partnership
published: 2025-03-10
---
Joint Statement between Malaysia and the Kingdom of Thailand

Putrajaya, 10 March 2025

1. The two sides will establish a Joint Working Group on the Halal Industry, which will meet annually.
2. Thailand will provide 200 scholarships each year to Malaysian students through the Thailand International Cooperation Agency.
3. The two sides agreed to open a new border crossing at Sadao–Bukit Kayu Hitam by 2027.
4. The two sides reaffirmed their commitment to peace and stability in the region.
"""

REPORT_ZH = """---
title: 泰国向马来西亚学生发放首批奖学金
published: 2025-11-05
---
泰国向马来西亚学生发放首批奖学金

曼谷11月5日电 泰国国际合作署11月4日向马来西亚学生发放了首批200个奖学金名额，马来西亚驻泰国大使出席了仪式。
双方官员还参观了曼谷的一所大学。
"""

SPEECH = """---
title: Anwar looks forward to the new Sadao crossing
published: 2025-09-15
---
Anwar looks forward to the new Sadao crossing

Kuala Lumpur, 15 September 2025 – Malaysian Prime Minister Anwar Ibrahim said Malaysia and Thailand will open the new border crossing at Sadao–Bukit Kayu Hitam by 2027, as the two sides agreed in March.
"""

OTHER = """---
title: Malaysia and Thailand sign tourism memorandum
published: 2025-10-03
---
Malaysia and Thailand sign tourism memorandum

Kuala Lumpur, 3 October 2025 – Malaysia and Thailand signed a memorandum of understanding on joint tourism promotion, covering travel fairs and cultural festivals in both countries.
"""

# Two reports that disagree on the year the strategic partnership was set up.
HISTORY = """---
title: Thai and Malaysian ministers review ties
published: 2025-06-02
---
Thai and Malaysian ministers review ties

Bangkok, 2 June 2025 – Malaysia and Thailand, which established diplomatic relations in 1957 and a strategic partnership in 2013, reviewed their cooperation.
"""

HISTORY_OTHER_YEAR = """---
title: Malaysia, Thailand mark anniversary
published: 2025-08-31
---
Malaysia, Thailand mark anniversary

Kuala Lumpur, 31 August 2025 – Malaysia and Thailand elevated their relations to a strategic partnership in 2014.
"""

FILES = {"1-statement.txt": STATEMENT, "2-report-zh.txt": REPORT_ZH, "3-speech.txt": SPEECH, "4-other.txt": OTHER}
HISTORY_FILES = {"5-history.txt": HISTORY, "6-history-other-year.txt": HISTORY_OTHER_YEAR}


def write(folder: Path, names: tuple[str, ...] = tuple(FILES)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        path = folder / name
        path.write_text((FILES | HISTORY_FILES)[name], encoding="utf-8")
        out.append(path)
    return out
