"""The pay scenario calculator: base, an equity grant vesting over years, a bonus range.

A scenario is written `key=value,key=value`:

| key | meaning | default |
| --- | --- | --- |
| `name` | a label for the scenario | `scenario N` or the track |
| `track` | fill what is not given from the pack's facts on that track's pay | none |
| `base` | annual base salary (`800000`, `800k`, `1.2m`) | required without `track` |
| `equity` | the grant's total value at grant, vesting over `vesting` years | 0 |
| `vesting` | years the grant vests over (1 to 10) | 4 |
| `schedule` | share vesting each year, `25/25/25/25` (sums to 100) | even |
| `bonus` | annual bonus as a share of base: `0.2-0.6`, `20%-60%` or `0.15` | 0 |
| `volatility` | yearly volatility of the share price (`0.35` or `35%`) | 0.35 |
| `growth` | expected yearly drift of the share price | 0 |
| `currency` | a label for the amounts | the pack's `currency` |

Each year's bonus is drawn uniformly from its range, and the share price moves by
a lognormal step each year (the volatility and growth above: assumptions, not
facts). 20,000 draws with a fixed seed give the 10th, 50th and 90th percentile
of each year's pay and of the total over the vesting years, the same on every run.
With `track=pm` the pack's fact figures fill in what is missing (the equity share
of total pay and its vesting, a bonus range), and the scenario says which facts, and
which parts the pack has no figure for (those count as nothing, and it says so). With
`track` and no `base`, the scenario is the track's pay structure alone: every amount
is per 100 of base salary, so no salary is invented.
"""

from __future__ import annotations

import math
import random
import re
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from loopcoach.errors import UsageError

if TYPE_CHECKING:
    from loopcoach.content.loader import Pack

KEYS = (
    "name",
    "track",
    "base",
    "equity",
    "vesting",
    "schedule",
    "bonus",
    "volatility",
    "growth",
    "currency",
)
MAX_BASE = 100_000_000
# A scenario without a base shows the shape of a track's pay: amounts per 100 of base.
PER_BASE = 100.0
MAX_EQUITY_TO_BASE = 100
DRAWS = 20_000
SEED = 20_261_123
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9}


class PayInputError(UsageError):
    """A pay scenario that cannot be computed; the message names the scenario and the item."""


@dataclass(frozen=True)
class PayScenario:
    name: str
    base: float
    equity: float = 0.0
    vesting: int = 4
    schedule: tuple[float, ...] = (0.25, 0.25, 0.25, 0.25)
    bonus_low: float = 0.0
    bonus_high: float = 0.0
    volatility: float = 0.35
    growth: float = 0.0
    currency: str = ""
    track: str | None = None
    notes: tuple[str, ...] = ()
    # The items taken from the pack, and those the pack has no figure for (counted as 0).
    filled: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    # No base was given: amounts are per PER_BASE of base salary, in no currency.
    per_base: bool = False

    @property
    def gaps(self) -> str | None:
        """What the pack has no figure for, said rather than silently counted as nothing."""
        if not self.unknown or not self.track:
            return None
        what = " or ".join(self.unknown)
        give = ", ".join(f"{key}=..." for key in self.unknown)
        return f"the pack has no figure for the {self.track} {what}: counted as 0; give {give}"

    @property
    def unit(self) -> str:
        """What the amounts are in: a currency, or a share of base salary."""
        if self.per_base:
            return f"per {PER_BASE:g} of base salary"
        return self.currency or "no currency given"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "track": self.track,
            "per_base": self.per_base,
            "unit": self.unit,
            "base": self.base,
            "equity": self.equity,
            "vesting": self.vesting,
            "schedule": list(self.schedule),
            "bonus": [self.bonus_low, self.bonus_high],
            "volatility": self.volatility,
            "growth": self.growth,
            "currency": self.currency,
            "notes": list(self.notes),
            "filled": list(self.filled),
            "unknown": list(self.unknown),
            "gaps": self.gaps,
        }


@dataclass(frozen=True)
class Spread:
    p10: float
    p50: float
    p90: float

    def to_json(self) -> dict[str, float]:
        return {"p10": round(self.p10), "p50": round(self.p50), "p90": round(self.p90)}


@dataclass(frozen=True)
class YearOutcome:
    year: int
    base: float
    bonus: Spread
    equity: Spread
    total: Spread

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "base": round(self.base),
            "bonus": self.bonus.to_json(),
            "equity": self.equity.to_json(),
            "total": self.total.to_json(),
        }


@dataclass(frozen=True)
class PayOutcome:
    scenario: PayScenario
    years: list[YearOutcome]
    cumulative: Spread
    draws: int = DRAWS
    seed: int = SEED
    assumptions: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.to_json(),
            "years": [y.to_json() for y in self.years],
            "cumulative": self.cumulative.to_json(),
            "draws": self.draws,
            "seed": self.seed,
        }


def _number(label: str, key: str, raw: str, *, percent: bool = False) -> float:
    text = raw.strip().lower().replace("_", "")
    scale = 1.0
    if percent and text.endswith("%"):
        text, scale = text[:-1], 0.01
    elif text[-1:] in _SUFFIX:
        text, scale = text[:-1], _SUFFIX[text[-1]]
    try:
        value = float(text) * scale
    except ValueError:
        raise PayInputError(f"{label}: {key}={raw!r} is not a number") from None
    if not math.isfinite(value):
        raise PayInputError(f"{label}: {key}={raw!r} is not a finite number")
    return value


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:g}"


def _within(label: str, key: str, value: float, low: float, high: float, hint: str = "") -> None:
    if not low <= value <= high:
        raise PayInputError(
            f"{label}: {key}={_fmt(value)} is out of range; it must be between {_fmt(low)} "
            f"and {_fmt(high)}" + (f" ({hint})" if hint else "")
        )


def _bonus(label: str, raw: str) -> tuple[float, float]:
    parts = re.split(r"(?<=[\d%])-", raw.strip(), maxsplit=1)
    values = [_number(label, "bonus", p, percent=True) for p in parts]
    low, high = (values[0], values[0]) if len(values) == 1 else (values[0], values[1])
    for v in (low, high):
        _within(label, "bonus", v, 0, 3, "a share of base: 0.2 or 20% means a fifth of base")
    if low > high:
        raise PayInputError(f"{label}: bonus={raw!r} has its low end above its high end")
    return low, high


def _fact_figures(pack: Pack, track: str) -> dict[str, tuple[float, str]]:
    """Every figure the track's facts state, by name, with the fact and article it came from."""
    out: dict[str, tuple[float, str]] = {}
    for fact in pack.track_facts(track):
        article = pack.info.source_title(fact.source) or fact.source
        for name, value in fact.figures.items():
            out.setdefault(name, (value, f"{fact.id} (“{article}”)"))
    return out


def parse_scenario(spec: str, index: int = 1, pack: Pack | None = None) -> PayScenario:
    """A scenario from `key=value,...`; PayInputError names the scenario and the bad item."""
    label = f"pay scenario {index}"
    fields: dict[str, str] = {}
    for part in (p for p in spec.split(",") if p.strip()):
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if not sep or not value.strip():
            raise PayInputError(f"{label}: {part.strip()!r} is not key=value")
        if key not in KEYS:
            raise PayInputError(f"{label}: unknown item {key!r}; items: {', '.join(KEYS)}")
        if key in fields:
            raise PayInputError(f"{label}: {key} is given twice")
        fields[key] = value.strip()
    label = f"pay scenario {index} ({fields['name']})" if "name" in fields else label
    track = fields.get("track")
    per_base = "base" not in fields
    if per_base and not track:
        raise PayInputError(
            f"{label}: base is missing; give base=ANNUAL_SALARY, or track=T alone for that "
            "track's pay structure per 100 of base"
        )
    if per_base:
        base = PER_BASE
    else:
        base = _number(label, "base", fields["base"])
        if base <= 0:
            raise PayInputError(f"{label}: base={fields['base']} must be more than 0")
        _within(label, "base", base, 1, MAX_BASE, "an annual salary")
    notes: list[str] = []
    filled: list[str] = []
    unknown: list[str] = []
    figures: dict[str, tuple[float, str]] = {}
    if track:
        if pack is None or track not in pack.tracks:
            valid = ", ".join(pack.tracks) if pack else "none"
            raise PayInputError(f"{label}: unknown track {track!r}; tracks: {valid}")
        figures = _fact_figures(pack, track)
    vesting_raw = fields.get("vesting")
    if vesting_raw is None and "vesting_years" in figures:
        vesting_raw = f"{figures['vesting_years'][0]:g}"
        notes.append(f"vesting {vesting_raw} years from {figures['vesting_years'][1]}")
        filled.append("vesting")
    vesting_f = _number(label, "vesting", vesting_raw or "4")
    if vesting_f != int(vesting_f):
        raise PayInputError(f"{label}: vesting={vesting_raw} must be a whole number of years")
    vesting = int(vesting_f)
    _within(label, "vesting", vesting, 1, 10, "years")
    if "bonus" in fields:
        bonus = _bonus(label, fields["bonus"])
    elif "bonus_low" in figures and "bonus_high" in figures:
        bonus = (figures["bonus_low"][0], figures["bonus_high"][0])
        notes.append(f"bonus {bonus[0]:.0%}-{bonus[1]:.0%} of base from {figures['bonus_low'][1]}")
        filled.append("bonus")
    else:
        bonus = (0.0, 0.0)
        if track:
            unknown.append("bonus")
    if "equity" in fields:
        equity = _number(label, "equity", fields["equity"])
        if equity < 0:
            raise PayInputError(f"{label}: equity={fields['equity']} must not be negative")
    elif "equity_share_low" in figures and "equity_share_high" in figures:
        share = (figures["equity_share_low"][0] + figures["equity_share_high"][0]) / 2
        # The share is of total pay: yearly equity = share * (base + mean bonus) / (1 - share).
        yearly = share * base * (1 + sum(bonus) / 2) / (1 - share)
        equity = yearly * vesting
        notes.append(
            f"equity {share:.0%} of total pay, the middle of the range in "
            f"{figures['equity_share_low'][1]}: a grant of {equity:,.0f}"
        )
        filled.append("equity")
    else:
        equity = 0.0
        if track:
            unknown.append("equity")
    _within(
        label,
        "equity",
        equity,
        0,
        MAX_EQUITY_TO_BASE * base,
        f"at most {MAX_EQUITY_TO_BASE} times base",
    )
    schedule = _schedule(label, fields.get("schedule"), vesting)
    volatility = _number(label, "volatility", fields.get("volatility", "0.35"), percent=True)
    _within(label, "volatility", volatility, 0, 1.5, "yearly, 0.35 or 35%")
    growth = _number(label, "growth", fields.get("growth", "0"), percent=True)
    _within(label, "growth", growth, -0.5, 0.5, "yearly drift, 0.05 or 5%")
    currency = fields.get("currency", "")
    if not currency and not per_base and pack is not None and pack.info.currency:
        currency = pack.info.currency
        notes.append(f"amounts in {currency}, the currency of {pack.info.company} offers")
        filled.append("currency")
    return PayScenario(
        name=fields.get("name") or track or f"scenario {index}",
        base=base,
        equity=equity,
        vesting=vesting,
        schedule=schedule,
        bonus_low=bonus[0],
        bonus_high=bonus[1],
        volatility=volatility,
        growth=growth,
        currency=currency,
        track=track,
        notes=tuple(notes),
        filled=tuple(filled),
        unknown=tuple(unknown),
        per_base=per_base,
    )


def _schedule(label: str, raw: str | None, vesting: int) -> tuple[float, ...]:
    if raw is None:
        return tuple(1 / vesting for _ in range(vesting))
    parts = [_number(label, "schedule", p, percent=True) for p in raw.split("/")]
    if len(parts) != vesting:
        raise PayInputError(
            f"{label}: schedule={raw} has {len(parts)} years but vesting is {vesting}"
        )
    if any(p < 0 for p in parts):
        raise PayInputError(f"{label}: schedule={raw} has a negative share")
    total = sum(parts)
    if abs(total - 100) < 0.5:
        parts = [p / 100 for p in parts]
    elif abs(total - 1) > 0.005:
        raise PayInputError(f"{label}: schedule={raw} sums to {total:g}; make it sum to 100")
    return tuple(parts)


def _spread(values: list[float]) -> Spread:
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    return Spread(deciles[0], statistics.median(values), deciles[8])


def simulate(s: PayScenario, draws: int = DRAWS, seed: int = SEED) -> PayOutcome:
    """The spread of each year's pay and of the total, from `draws` seeded draws."""
    rng = random.Random(seed)
    mu = math.log1p(s.growth) - s.volatility**2 / 2
    bonus = [[0.0] * draws for _ in range(s.vesting)]
    equity = [[0.0] * draws for _ in range(s.vesting)]
    for d in range(draws):
        price = 1.0
        for y in range(s.vesting):
            price *= math.exp(mu + s.volatility * rng.gauss(0.0, 1.0))
            bonus[y][d] = s.base * rng.uniform(s.bonus_low, s.bonus_high)
            equity[y][d] = s.equity * s.schedule[y] * price
    totals = [
        [s.base + b + e for b, e in zip(bonus[y], equity[y], strict=True)] for y in range(s.vesting)
    ]
    years = [
        YearOutcome(y + 1, s.base, _spread(bonus[y]), _spread(equity[y]), _spread(totals[y]))
        for y in range(s.vesting)
    ]
    cumulative = [sum(totals[y][d] for y in range(s.vesting)) for d in range(draws)]
    return PayOutcome(s, years, _spread(cumulative), draws, seed)
