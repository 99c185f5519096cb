"""Households and residents: realistic family make-up with ~18 % aged 65+ and vulnerability flags."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass

from ..models.enums import Gender
from . import names
from .records import DemoResident

logger = logging.getLogger(__name__)

ELDERLY_AGE = 65
ELDERLY_SHARE = 0.18
M, F = Gender.MALE, Gender.FEMALE


@dataclass
class _Person:
    age: int
    gender: Gender
    family: str  # surname


Household = list[_Person]  # the head first


def _elder_age(rng: random.Random, older: bool = False) -> int:
    return ELDERLY_AGE + int(34 * rng.betavariate(1.6 if older else 1.2, 2.2 if older else 2.6))


def _adult(rng: random.Random, lo: int, hi: int) -> int:
    return rng.randint(lo, min(hi, ELDERLY_AGE - 1))


def _children(rng: random.Random, mother_age: int, count: int, family: str) -> list[_Person]:
    kids = []
    for _ in range(count):
        age = mother_age - rng.randint(22, 38)
        if age < 0:
            age = rng.randint(0, max(0, mother_age - 20))
        kids.append(_Person(age, rng.choice((M, F)), family))
    return kids


def _couple(rng: random.Random, lo: int, hi: int, family: str) -> list[_Person]:
    husband = _adult(rng, lo, hi)
    wife = max(20, min(ELDERLY_AGE - 1, husband + rng.randint(-5, 2)))
    return [_Person(husband, M, family), _Person(wife, F, names.surname(rng))]


def _elderly_household(rng: random.Random, elders_left: int, extra_left: int) -> Household:
    """A household with at least one person aged 65+, within the elder and size budgets."""
    family = names.surname(rng)
    kind = rng.choices(("alone", "couple", "three", "carer"), (30, 36, 24, 10))[0]
    if kind == "couple" and elders_left >= 2 and extra_left >= 1:
        husband = _elder_age(rng)
        wife = max(ELDERLY_AGE, husband - rng.randint(0, 5))
        return [_Person(husband, M, family), _Person(wife, F, names.surname(rng))]
    if kind == "three" and extra_left >= 3:
        elders = 2 if (elders_left >= 2 and extra_left >= 4 and rng.random() < 0.5) else 1
        kids = min(rng.choice((1, 1, 2)), extra_left - elders - 1)
        grand = [_Person(_elder_age(rng), M, family)]
        if elders == 2:
            grand.append(_Person(max(ELDERLY_AGE, grand[0].age - rng.randint(0, 4)), F, names.surname(rng)))
        elif rng.random() < 0.6:  # a widowed grandmother keeps her own surname
            grand[0] = _Person(grand[0].age, F, names.surname(rng))
        middle = max(30, min(ELDERLY_AGE - 1, min(p.age for p in grand) - rng.randint(24, 34)))
        parents = [_Person(middle, M, family),
                   _Person(max(25, min(ELDERLY_AGE - 1, middle + rng.randint(-4, 2))), F, names.surname(rng))]
        return parents + grand + _children(rng, parents[1].age, kids, family)
    if kind == "carer" and extra_left >= 1:
        elder = _Person(_elder_age(rng, older=True), rng.choice((M, F, F)), family)
        child = max(40, min(ELDERLY_AGE - 1, elder.age - rng.randint(22, 35)))
        return [elder, _Person(child, rng.choice((M, F)), family)]
    return [_Person(_elder_age(rng, older=True), rng.choice((M, F, F)), family)]


def _younger_household(rng: random.Random, size: int) -> Household:
    family = names.surname(rng)
    if size == 1:
        age = 22 + int(42 * rng.betavariate(1.2, 2.5))
        return [_Person(age, rng.choice((M, F)), family)]
    if size == 2:
        roll = rng.random()
        if roll < 0.45:
            return _couple(rng, 25, 40, family)
        if roll < 0.85:
            return _couple(rng, 45, 64, family)
        parent = _Person(_adult(rng, 30, 50), rng.choice((M, F, F)), family)
        return [parent] + _children(rng, parent.age, 1, family)
    if size == 3 and rng.random() < 0.25:
        couple = _couple(rng, 48, 64, family)
        age = max(20, min(32, couple[1].age - rng.randint(22, 30)))
        adult_child = _Person(age, rng.choice((M, F)), family)
        return couple + [adult_child]
    couple = _couple(rng, 28, 50, family)
    kids = min(size - 2, 3 if size == 5 and rng.random() < 0.6 else 2)
    relatives = [_Person(_adult(rng, 20, 40), rng.choice((M, F)), names.surname(rng))
                 for _ in range(size - 2 - kids)]
    return couple + _children(rng, couple[1].age, kids, family) + relatives


def _sizes(rng: random.Random, households: int, people: int) -> list[int]:
    """Household sizes summing exactly to `people`, shaped like an urban census."""
    if households == 0:
        return []
    cap = max(6, -(-people // households) + 1)
    sizes = rng.choices((1, 2, 3, 4, 5), (14, 30, 34, 17, 5), k=households)
    total = sum(sizes)
    while total != people:
        i = rng.randrange(households)
        if total < people and sizes[i] < cap:
            sizes[i] += 1
            total += 1
        elif total > people and sizes[i] > 1:
            sizes[i] -= 1
            total -= 1
    return sizes


def make_households(rng: random.Random, households: int, people: int) -> list[Household]:
    """Exactly `households` households of exactly `people` people, 18 % of them 65+."""
    people = max(people, households)
    elders_left = round(ELDERLY_SHARE * people)
    extra_left = people - households  # people beyond one per household
    out: list[Household] = []
    while elders_left > 0 and len(out) < households:
        home = _elderly_household(rng, elders_left, extra_left)
        elders_left -= sum(p.age >= ELDERLY_AGE for p in home)
        extra_left -= len(home) - 1
        out.append(home)
    if elders_left > 0:
        logger.warning("%d fewer people aged 65+ than targeted: too few households", elders_left)
    rest = households - len(out)
    if rest == 0 and extra_left > 0 and out:  # more people than the homes hold: add adult kids
        for i in range(extra_left):
            home = out[i % len(out)]
            home.append(_Person(_adult(rng, 20, 45), rng.choice((M, F)), home[0].family))
        extra_left = 0
    out.extend(_younger_household(rng, size) for size in _sizes(rng, rest, rest + extra_left))
    rng.shuffle(out)
    return out


def _resident(rng: random.Random, unit: int, person: _Person, head: bool, alone: bool,
              child_family: str, reference_year: int, phones: set[str], ids: set[str],
              ) -> DemoResident:
    birth_year = reference_year - person.age
    elderly = person.age >= ELDERLY_AGE
    frail = 0.38 if person.age >= 85 else 0.18 if person.age >= 75 else 0.0
    contact_name = contact_phone = None
    if elderly:  # a son or daughter living elsewhere
        contact_name = names.person_name(rng, rng.choice((M, F)), birth_year + 28, child_family)
        contact_phone = names.mobile(rng, phones)
    return DemoResident(
        unit=unit,
        name=names.person_name(rng, person.gender, birth_year, person.family),
        gender=person.gender,
        birth_year=birth_year,
        phone=names.mobile(rng, phones) if person.age >= 12 else None,
        id_number=names.id_number(rng, person.gender, birth_year, ids),
        is_household_head=head,
        lives_alone=alone,
        mobility_impaired=rng.random() < frail,
        chronic_condition=names.chronic_condition(rng) if elderly and rng.random() < 0.55 else None,
        emergency_contact_name=contact_name,
        emergency_contact_phone=contact_phone,
    )


def populate(rng: random.Random, n_units: int, people: int, reference_year: int,
             phones: set[str]) -> list[DemoResident]:
    """Residents of units 0..n_units-1, every unit with one household and one head."""
    ids: set[str] = set()
    residents = []
    for unit, home in enumerate(make_households(rng, n_units, people)):
        # Children carry the family surname; a widow living alone, her late husband's.
        alone_woman = len(home) == 1 and home[0].gender is F
        child_family = names.surname(rng) if alone_woman else home[0].family
        for i, person in enumerate(home):
            residents.append(_resident(rng, unit, person, i == 0, len(home) == 1,
                                       child_family, reference_year, phones, ids))
    return residents
