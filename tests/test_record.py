"""``foederis.model.record``: a record behaves exactly like the same ``dataclass``.

Every combination of the options the project uses is compared with a dataclass of the
same body: fields, signature, construction, defaults, repr, equality, hashing, frozenness,
``replace``, pickling and pydantic validation; the methods are generated only on first use.
"""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from foederis.model.record import record

OPTIONS = [
    dict(zip(("frozen", "slots", "kw_only", "eq", "repr"), combo, strict=True))
    for combo in itertools.product((False, True), repeat=5)
]


def _ids(opts: dict[str, bool]) -> str:
    return ",".join(k for k, v in opts.items() if v) or "defaults"


def make(deco: Callable[[type], type]) -> type:
    class Rec:
        """A record with every kind of field."""

        a: int
        b: str = "b"
        c: list[int] = dataclasses.field(default_factory=list)
        d: int = dataclasses.field(default=0, compare=False, repr=False)

        def double(self) -> int:
            return 2 * self.a

    return deco(Rec)


def pair(opts: dict[str, bool]) -> tuple[type, type]:
    return make(record(**opts)), make(dataclasses.dataclass(**opts))  # type: ignore[call-overload]


PAIRS = [(opts, *pair(opts)) for opts in OPTIONS]


def build(cls: type, kw_only: bool, a: int, b: str, c: list[int], d: int) -> Any:
    if kw_only:
        return cls(a=a, b=b, c=c, d=d)
    return cls(a, b, c, d)


def outcome(fn: Callable[[], Any]) -> Any:
    try:
        return ("ok", fn())
    except Exception as exc:  # compare the kind of failure, not the object
        return ("raised", type(exc).__name__)


@pytest.mark.parametrize("opts", OPTIONS, ids=_ids)
def test_same_class_shape(opts: dict[str, bool]) -> None:
    rec, dc = pair(opts)
    assert dataclasses.is_dataclass(rec)
    assert [
        (f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.compare, f.kw_only)
        for f in dataclasses.fields(rec)
    ] == [
        (f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.compare, f.kw_only)
        for f in dataclasses.fields(dc)
    ]
    assert str(inspect.signature(rec)) == str(inspect.signature(dc))
    assert getattr(rec, "__match_args__", None) == getattr(dc, "__match_args__", None)
    assert hasattr(rec, "__slots__") == hasattr(dc, "__slots__")
    assert (rec.__hash__ is None) == (dc.__hash__ is None)


@pytest.mark.parametrize("opts", OPTIONS, ids=_ids)
def test_methods_are_generated_on_first_use(opts: dict[str, bool]) -> None:
    rec, _ = pair(opts)
    assert is_stub(rec.__init__)
    obj = build(rec, opts["kw_only"], 1, "x", [2], 3)
    assert obj.double() == 2
    assert not is_stub(rec.__init__)
    if opts["repr"]:  # the other methods wait for their own first use
        assert is_stub(rec.__repr__)
        repr(obj)
        assert not is_stub(rec.__repr__)


def is_stub(method: Any) -> bool:
    return bool(method.__code__.co_name == "stub")


@settings(max_examples=25, deadline=None)  # 32 class pairs per example
@given(
    a=st.integers(),
    b=st.text(max_size=5),
    c=st.lists(st.integers(), max_size=3),
    d=st.integers(),
    a2=st.integers(min_value=-2, max_value=2),
    d2=st.integers(),
)
def test_same_behaviour(a: int, b: str, c: list[int], d: int, a2: int, d2: int) -> None:
    for opts, rec, dc in PAIRS:
        kw = opts["kw_only"]
        r1, r2 = build(rec, kw, a, b, c, d), build(rec, kw, a2, b, c, d2)
        d1, d2_ = build(dc, kw, a, b, c, d), build(dc, kw, a2, b, c, d2)
        if opts["repr"]:
            assert repr(r1) == repr(d1)
        else:
            assert repr(r1).startswith("<") and repr(d1).startswith("<")
        assert (r1 == r2) == (d1 == d2_)
        assert (r1 == r1) and r1.__eq__(object()) is NotImplemented
        got, want = outcome(lambda r1=r1: hash(r1)), outcome(lambda d1=d1: hash(d1))
        assert got[0] == want[0]  # both hash or both refuse
        if opts["frozen"] and opts["eq"]:
            assert got == want  # by value: a list field makes both unhashable
        assert outcome(lambda r1=r1: setattr(r1, "a", 5)) == outcome(
            lambda d1=d1: setattr(d1, "a", 5)
        )
        assert dataclasses.asdict(r1) == dataclasses.asdict(d1)
        assert dataclasses.replace(r1, b="z").b == "z"
        assert build(rec, kw, a, b, c, d).c is not build(rec, kw, a, b, [], d).c


@record(frozen=True, slots=True)
class FrozenRec:
    """Module level, so that pickle can find it."""

    a: int
    b: tuple[str, ...] = ()


@record(kw_only=True)
class PlainRec:
    """Module level, so that pickle can find it."""

    a: int
    b: list[str] = dataclasses.field(default_factory=list)


def test_pickle_round_trip_before_and_after_first_use() -> None:
    for obj in (FrozenRec(1, ("x",)), PlainRec(a=1, b=["y"])):
        again = pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == obj and again is not obj
        assert repr(again) == repr(obj)
    assert hash(FrozenRec(1, ("x",))) == hash((1, ("x",)))  # dataclass: hash of the fields


def test_pydantic_validates_into_a_record() -> None:
    @record(kw_only=True)
    class Item:
        """A KB-like record."""

        __pydantic_config__ = {"extra": "forbid"}  # noqa: RUF012

        name: str
        count: int = 0
        tags: list[str] = dataclasses.field(default_factory=list)

    adapter = TypeAdapter(Item)
    got = adapter.validate_python({"name": "n", "count": "3"})
    assert got == Item(name="n", count=3)
    assert got.tags == []
    with pytest.raises(ValidationError):
        adapter.validate_python({"name": "n", "bogus": 1})


def test_methods_written_in_the_body_are_kept() -> None:
    @record(frozen=True)
    class Mine:
        """Own equality and identity hash, as Clause and Suspension have."""

        a: int

        def __repr__(self) -> str:
            return "mine"

        __hash__ = object.__hash__

    x, y = Mine(1), Mine(1)
    assert repr(x) == "mine"
    assert x == y, "the generated __eq__ compares the fields"
    assert hash(x) == object.__hash__(x)


def test_post_init_runs() -> None:
    seen: list[int] = []

    @record(frozen=True)
    class Checked:
        """Validated in __post_init__, as Scenario is."""

        a: int

        def __post_init__(self) -> None:
            seen.append(self.a)

    Checked(4)
    assert seen == [4]


def test_a_record_needs_a_docstring() -> None:
    with pytest.raises(TypeError, match="docstring"):

        @record
        class Bare:
            a: int


def test_wrong_arguments_fail_like_a_dataclass() -> None:
    rec, dc = pair({"frozen": False, "slots": False, "kw_only": True, "eq": True, "repr": True})
    with pytest.raises(TypeError) as got:
        rec(b="x")
    with pytest.raises(TypeError) as want:
        dc(b="x")
    assert str(got.value) == str(want.value)
