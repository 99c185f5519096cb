"""Invented but plausible Chinese names, phones, ID numbers and plates (no real people)."""

from __future__ import annotations

import calendar
import logging
import random
from itertools import accumulate

from ..models.enums import Gender

logger = logging.getLogger(__name__)

# Common surnames with rough national shares, nudged to Zhejiang (陈 吴 沈 钱 俞 楼 应 …).
_SURNAMES = (
    ("王", 7.1), ("李", 6.4), ("张", 6.2), ("刘", 4.6), ("陈", 5.6), ("杨", 3.0), ("黄", 2.2),
    ("赵", 2.0), ("吴", 2.6), ("周", 2.1), ("徐", 1.9), ("孙", 1.4), ("马", 1.1), ("朱", 1.3),
    ("胡", 1.3), ("郭", 1.0), ("何", 1.0), ("林", 1.0), ("高", 0.9), ("罗", 0.8), ("郑", 0.9),
    ("梁", 0.6), ("谢", 0.6), ("宋", 0.5), ("唐", 0.5), ("许", 0.6), ("韩", 0.4), ("冯", 0.4),
    ("邓", 0.4), ("曹", 0.4), ("彭", 0.4), ("曾", 0.3), ("肖", 0.4), ("田", 0.3), ("董", 0.4),
    ("袁", 0.3), ("潘", 0.4), ("蒋", 0.5), ("蔡", 0.4), ("余", 0.4), ("杜", 0.3), ("叶", 0.5),
    ("程", 0.3), ("沈", 0.7), ("钱", 0.5), ("金", 0.5), ("俞", 0.4), ("方", 0.4), ("汪", 0.4),
    ("章", 0.3), ("楼", 0.2), ("应", 0.2), ("施", 0.2), ("姚", 0.3), ("孔", 0.2), ("丁", 0.3),
)
_SURNAME_CHARS = tuple(s for s, _ in _SURNAMES)
_SURNAME_CUM = tuple(accumulate(w for _, w in _SURNAMES))

# Given-name characters by sex and era, so a grandmother is 秀英 and a granddaughter 梓涵.
_GIVEN = {
    (Gender.MALE, "old"): "建国华明德富根荣林宝金生福海祥成兴忠文清志洪仁才",
    (Gender.MALE, "mid"): "伟强磊军勇杰涛斌超明刚平辉建华峰波亮斌鑫俊锋健新永",
    (Gender.MALE, "young"): "浩宇轩子豪博睿宸然阳凯航天辰泽昊铭逸晨煜奕锦皓杰峻",
    (Gender.FEMALE, "old"): "秀英桂兰玉珍凤芳淑娟翠琴美华金彩月梅素云惠菊爱萍",
    (Gender.FEMALE, "mid"): "芳娜敏静丽艳霞玲燕红梅琳婷雪颖慧萍洁莉倩蓉丹晶",
    (Gender.FEMALE, "young"): "欣怡悦佳思雨涵诗可馨晴彤璐梓妍琪萱语若汐沫瑶诺",
}

_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
    "150", "151", "152", "153", "155", "156", "157", "158", "159",
    "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
    "191", "193", "195", "198", "199",
)

# Hangzhou county-level codes (上城 拱墅 西湖 滨江 萧山 余杭 富阳 临安 临平 钱塘, and the
# former 下城 江干 that older ID cards still carry).
_REGION_CODES = ("330102", "330103", "330104", "330105", "330106", "330108", "330109",
                 "330110", "330111", "330112", "330113", "330114")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0
_PLATE_DIGITS = "0123456789"
MAKES = ("大众", "丰田", "本田", "吉利", "日产", "别克", "长安", "哈弗", "奔驰", "宝马", "奥迪")
NEW_ENERGY_MAKES = ("比亚迪", "特斯拉", "蔚来", "理想", "小鹏", "零跑", "极氪", "问界", "比亚迪")
COLOURS = ("白", "白", "黑", "黑", "银", "灰", "蓝", "红")

CONDITIONS = (("高血压", 34), ("糖尿病", 20), ("冠心病", 12), ("慢阻肺", 8), ("骨质疏松", 9),
              ("阿尔茨海默病", 6), ("脑卒中后遗症", 6), ("帕金森病", 3), ("慢性肾病", 2))
_CONDITION_NAMES = tuple(c for c, _ in CONDITIONS)
_CONDITION_CUM = tuple(accumulate(w for _, w in CONDITIONS))


def surname(rng: random.Random) -> str:
    return rng.choices(_SURNAME_CHARS, cum_weights=_SURNAME_CUM)[0]


def _era(birth_year: int) -> str:
    if birth_year < 1965:
        return "old"
    return "mid" if birth_year < 1990 else "young"


def given_name(rng: random.Random, gender: Gender, birth_year: int) -> str:
    pool = _GIVEN[(gender, _era(birth_year))]
    if rng.random() < 0.3:
        return rng.choice(pool)
    return rng.choice(pool) + rng.choice(pool)


def person_name(rng: random.Random, gender: Gender, birth_year: int, family: str | None = None) -> str:
    return (family or surname(rng)) + given_name(rng, gender, birth_year)


def mobile(rng: random.Random, taken: set[str]) -> str:
    """An 11-digit mainland mobile number not yet in `taken` (which it joins)."""
    while True:
        number = rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
        if number not in taken:
            taken.add(number)
            return number


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of a PRC resident ID (GB 11643)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number(rng: random.Random, gender: Gender, birth_year: int, taken: set[str]) -> str:
    """An 18-digit resident ID: Hangzhou region, birth date, sex-coded sequence, check."""
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(birth_year, month)[1])
    region = rng.choice(_REGION_CODES)
    while True:
        odd = 1 if gender is Gender.MALE else 0
        sequence = rng.randrange(100) * 10 + rng.randrange(5) * 2 + odd
        first17 = f"{region}{birth_year:04d}{month:02d}{day:02d}{sequence:03d}"
        number = first17 + id_check_char(first17)
        if number not in taken:
            taken.add(number)
            return number


def plate(rng: random.Random, new_energy: bool, taken: set[str]) -> str:
    """A Hangzhou (浙A) plate: 5 characters, or D/F plus 5 digits for new-energy cars."""
    while True:
        if new_energy:
            body = rng.choice("DDDF") + "".join(rng.choices(_PLATE_DIGITS, k=5))
        else:
            letters = set(rng.sample(range(5), rng.choice((0, 1, 1, 2))))
            body = "".join(
                rng.choice(_PLATE_LETTERS) if i in letters else rng.choice(_PLATE_DIGITS)
                for i in range(5)
            )
        number = "浙A" + body
        if number not in taken:
            taken.add(number)
            return number


def chronic_condition(rng: random.Random) -> str:
    return rng.choices(_CONDITION_NAMES, cum_weights=_CONDITION_CUM)[0]
