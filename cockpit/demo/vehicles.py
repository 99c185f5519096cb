"""Residents' cars: unique Hangzhou plates, parking spots underground or in surface car parks."""

from __future__ import annotations

import logging
import random
from collections import Counter

from . import names
from .records import DemoResident, DemoVehicle

logger = logging.getLogger(__name__)

NEW_ENERGY_SHARE = 0.2
UNDERGROUND_SHARE = 0.7


def _owner_weights(n_units: int, residents: list[DemoResident], reference_year: int) -> list[float]:
    """Households with two working-age adults are likelier to own (and own two) cars."""
    drivers = Counter(r.unit for r in residents if 22 <= reference_year - r.birth_year <= 72)
    return [(0.15, 1.0, 1.6)[min(drivers[u], 2)] for u in range(n_units)]


def _spot(rng: random.Random, lots: list[str], taken: set[str], capacity: int) -> str:
    while True:
        if not lots or rng.random() < UNDERGROUND_SHARE:
            area = "B1" if rng.random() < 0.75 else "B2"
        else:
            area = rng.choice(lots)
        spot = f"{area}-{rng.randint(1, capacity):03d}"
        if spot not in taken:
            taken.add(spot)
            return spot


def make_vehicles(rng: random.Random, n_units: int, residents: list[DemoResident], count: int,
                  lot_codes: list[str], reference_year: int) -> list[DemoVehicle]:
    """`count` cars, at most two per household (three if there are very many cars)."""
    if n_units == 0 or count == 0:
        return []
    per_home = 2 if count <= 2 * n_units else 3
    if count > per_home * n_units:
        logger.warning("%d vehicles for %d households; capping", count, n_units)
        count = per_home * n_units
    weights = _owner_weights(n_units, residents, reference_year)
    owned: Counter[int] = Counter()
    owners: list[int] = []
    while len(owners) < count:
        for unit in rng.choices(range(n_units), weights, k=count - len(owners)):
            if owned[unit] < per_home:
                owned[unit] += 1
                owners.append(unit)
    owners.sort()
    plates: set[str] = set()
    spots: set[str] = set()
    capacity = max(200, 2 * count)
    vehicles = []
    for unit in owners:
        new_energy = rng.random() < NEW_ENERGY_SHARE
        vehicles.append(DemoVehicle(
            plate=names.plate(rng, new_energy, plates),
            unit=unit,
            parking_spot=_spot(rng, lot_codes, spots, capacity),
            make=rng.choice(names.NEW_ENERGY_MAKES if new_energy else names.MAKES),
            colour=rng.choice(names.COLOURS),
            new_energy=new_energy,
        ))
    return vehicles
