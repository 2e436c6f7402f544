"""Torture corpus for the line breaker: every mark in every position it can land in.

Cases are generated so that, at each tested measure, a naive greedy breaker
would put the mark (or pair, or word) exactly on a line edge: at index w (first
character of line 2 when a line holds w characters) or w - 1 (last of line 1),
with and without the 2 em indent. The breaker must then squeeze, push or pull.
"""

from __future__ import annotations

from report.layout.text.charclass import CLOSING, NO_END, NO_START, OPENING

WIDTHS_EM = (8, 9, 10, 11, 12, 30, 35, 40)

FILLER = (
    "石峰区全社会研发经费投入总量持续增长生态环境持续优化新石峰走出了一条绿色高质量发展的"
    "新路子城市面貌日新月异百姓福祉不断增进产业竞争力稳步攀升动能转换是能否过坎的关键"
)

PAIRS = (
    "。”", "）。", "》，", "：“", "“「", "」”。", "？！", "！？", "。」」", "，“", "）（",
    "》《", "……", "——", "”“", "』」", "；（", "、《", "！”", "”，", "？”）",
)

WORDS = (
    "12.2亿元", "6.7%", "1+N", "2021年", "COVID-19", "25℃", "3‰", "100°", "GDP", "5G",
    "3.5万m²", "Internationalization", "example.com/a", "1,000,000", "¥300", "$5",
    "“5G”", "（GDP）", "A股", "12:30",
)


def filler(n: int, offset: int = 0) -> str:
    """n Han characters of running text."""
    text = FILLER * (n // len(FILLER) + 2)
    return text[offset:offset + n]


def place(insert: str, at: int, total: int = 0) -> str:
    """Filler text with `insert` starting at character index `at`."""
    tail = max(total - at, 12)
    return filler(at) + insert + filler(tail, offset=at % 7)


def edge_positions(width_em: int, indent_em: int) -> list[int]:
    """Indices that fall on a line edge for a greedy breaker (lines 1 and 2)."""
    first = width_em - indent_em
    return sorted({first - 2, first - 1, first, first + 1, first + width_em - 1,
                   first + width_em})


def marks() -> list[str]:
    """Every mark of the prohibition and compression sets, once."""
    return sorted(set(NO_START) | set(NO_END) | set(CLOSING) | set(OPENING))


def cases(width_em: int, indent_em: int) -> list[str]:
    """All torture paragraphs for one measure."""
    out = []
    for at in edge_positions(width_em, indent_em):
        if at < 0:
            continue
        for mark in marks():
            out.append(place(mark, at))
        for pair in PAIRS:
            out.append(place(pair, at))
        for word in WORDS:
            out.append(place(word, at))
    out.extend(mixed())
    return out


def mixed() -> list[str]:
    """Real-looking paragraphs with marks in runs, words, numbers and spaces."""
    return [
        "石峰区全社会研发经费投入总量就高达12.2亿元，同比增长6.7%。“十年砥砺前行。”深入践行"
        "新时代发展思想，在推动产业优化升级上下功夫——在转变发展方式上下功夫……综合实力稳步提升"
        "（GDP增长），生态环境持续优化。",
        "他说：“我们要以‘1+N’模式推进——先试点、后推广。”《石峰区“十四五”规划》提出，到2025年，"
        "轨道交通产业产值突破1,000亿元！这可能吗？！答案是：能。",
        "COVID-19疫情期间，企业复工率达到98.5%，比上年提高3.2个百分点；其中，规模以上工业企业"
        "（含中车株机、时代电气等）全部复工。",
        "“「『（【〖〔《开头的标点连续出现时，结尾”」』）】〗〕］｝》〉”也不能违反禁则。",
        "这是一个很长的英文单词Pneumonoultramicroscopicsilicovolcanoconiosis，它比一行还要长。",
        "温度为25℃，湿度为60%，气压为1013hPa，风速3m/s，降水量0.5mm。",
        "石峰 区 的 空格 问题 ： 源文本 中 有 空格 。 Hello world, this is Latin text in a row.",
        "一。",
        "末行只剩一个字的段落需要把前一行的字拉下来一个字才行字。",
    ]
