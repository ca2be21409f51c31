"""``record``: a dataclass whose generated methods are compiled the first time one is used.

``dataclasses.dataclass`` writes the source of ``__init__``, ``__repr__``, ``__eq__`` and
``__hash__`` for every class and compiles it with ``exec`` while the class is being
defined: about 0.3 ms a class (0.5 ms a frozen one) on CPython 3.11. A fresh
``foederis check`` imports some 40 such classes, most of whose methods it never calls (the
KB comes from its compiled copy: unpickling builds objects without ``__init__``), so that
was a sixth of its start-up.

``@record`` (same options as ``dataclass``: ``frozen``, ``slots``, ``kw_only``, ``eq``,
``repr``) makes the same class — a real dataclass: ``dataclasses.fields``, ``replace``,
``asdict``, pickling and pydantic validation work as before — except that the four methods
start as stubs. The first call of ``__init__`` (or ``inspect.signature(cls)``) has
``dataclasses.dataclass`` generate it for a twin class with the same fields and options and
puts it in place of its stub; the first call of ``__repr__``, ``__eq__`` or ``__hash__`` does
the same for those three. Methods written in the class body are kept, as ``dataclass``
keeps them. ``tests/test_record.py`` checks that records behave exactly like dataclasses.

A record must have a docstring (``dataclass`` would otherwise build one from the
signature of ``__init__``, which a record has not generated yet).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["record"]

T = TypeVar("T")

_LOCK = threading.RLock()  # one generation at a time; re-entrant, to be safe


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(
    *,
    frozen: bool = False,
    slots: bool = False,
    kw_only: bool = False,
    eq: bool = True,
    repr: bool = True,
) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: type[T] | None = None,
    /,
    *,
    frozen: bool = False,
    slots: bool = False,
    kw_only: bool = False,
    eq: bool = True,
    repr: bool = True,
) -> type[T] | Callable[[type[T]], type[T]]:
    """Like ``dataclasses.dataclass`` with these options; methods generated on first use."""

    def wrap(c: type[T]) -> type[T]:
        return _record(c, frozen=frozen, slots=slots, kw_only=kw_only, eq=eq, want_repr=repr)

    return wrap if cls is None else wrap(cls)


def _record(
    cls: type[T], *, frozen: bool, slots: bool, kw_only: bool, eq: bool, want_repr: bool
) -> type[T]:
    if not cls.__dict__.get("__doc__"):
        raise TypeError(f"record {cls.__qualname__} needs a docstring")
    body = cls.__dict__
    # dataclass's rule: a __hash__ in the body is kept, unless it is the None that Python
    # sets when the body defines __eq__ without __hash__
    explicit_hash = "__hash__" in body and not (body["__hash__"] is None and "__eq__" in body)
    wanted = ["__init__"] if "__init__" not in body else []
    if want_repr and "__repr__" not in body:
        wanted.append("__repr__")
    if eq and "__eq__" not in body:
        wanted.append("__eq__")
    made = dataclasses.dataclass(
        cls, init=False, repr=False, eq=False, frozen=frozen, slots=slots, kw_only=kw_only
    )
    initvar = getattr(dataclasses, "_FIELD_INITVAR", None)
    if any(getattr(f, "_field_type", None) is initvar for f in _all_fields(made)):
        raise TypeError(f"record {cls.__qualname__}: InitVar fields are not supported")
    if eq and not explicit_hash:
        if frozen:
            wanted.append("__hash__")  # from the fields, as dataclass makes it
        else:
            made.__hash__ = None  # type: ignore[assignment]  # unhashable, as dataclass makes it
    init = ["__init__"] if "__init__" in wanted else []
    rest = [name for name in wanted if name != "__init__"]

    def make_init() -> None:
        # __init__ alone (a frozen one sets fields with object.__setattr__)
        _install(made, init, dict(init=True, repr=False, eq=False, frozen=frozen))
        if "__signature__" in made.__dict__:
            del made.__signature__  # type: ignore[attr-defined]

    def make_rest() -> None:
        # __repr__, __eq__ and __hash__; unsafe_hash gives the same __hash__ that frozen
        # gives, without also generating the __setattr__ and __delattr__ of a frozen class
        options = dict(init=False, repr=want_repr, eq=eq, unsafe_hash="__hash__" in rest)
        _install(made, rest, options)

    first_init, first_rest = _once(make_init), _once(make_rest)
    for name in init:
        setattr(made, name, _stub(made, name, first_init))
    for name in rest:
        setattr(made, name, _stub(made, name, first_rest))
    if init:
        made.__signature__ = _Signature(first_init)  # type: ignore[attr-defined]
    return made


def _once(fn: Callable[[], None]) -> Callable[[], None]:
    done = False

    def run() -> None:
        nonlocal done
        with _LOCK:
            if not done:
                fn()
                done = True

    return run


def _install(cls: type, names: list[str], options: dict[str, bool]) -> None:
    """Generate ``names`` with ``dataclasses.dataclass(**options)`` for a twin of ``cls``
    (the same fields) and put them on ``cls`` in place of the stubs."""
    if not names:
        return
    twin = _twin(cls, options)
    for name in names:
        setattr(cls, name, twin.__dict__[name])


class _Signature:
    """``inspect.signature(cls)`` reads ``cls.__signature__`` first: this one generates the
    methods, removes itself and answers from the generated ``__init__``."""

    def __init__(self, materialize: Callable[[], None]) -> None:
        self.materialize = materialize

    def __get__(self, obj: object, owner: type) -> Any:
        if obj is not None:
            raise AttributeError("__signature__")
        self.materialize()
        import inspect

        return inspect.signature(owner)


def _all_fields(cls: type) -> list[dataclasses.Field[Any]]:
    found: dict[str, dataclasses.Field[Any]] = cls.__dict__["__dataclass_fields__"]
    return list(found.values())


def _stub(cls: type, name: str, materialize: Callable[[], None]) -> Callable[..., Any]:
    def stub(self: Any, *args: Any, **kwargs: Any) -> Any:
        materialize()
        return getattr(cls, name)(self, *args, **kwargs)

    stub.__name__ = name
    stub.__qualname__ = f"{cls.__qualname__}.{name}"
    return stub


def _twin(cls: type, options: dict[str, bool]) -> type:
    """A plain dataclass with ``cls``'s fields: the source of the methods."""
    annotations: dict[str, Any] = {}
    ns: dict[str, Any] = {
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__annotations__": annotations,
        # a docstring, or dataclass would build one from inspect.signature (which tokenizes
        # the signature text of object.__init__ for a twin without __init__: ~5 ms)
        "__doc__": cls.__doc__,
    }
    for f in dataclasses.fields(cls):
        annotations[f.name] = f.type
        ns[f.name] = dataclasses.field(
            default=f.default,
            default_factory=f.default_factory,
            init=f.init,
            repr=f.repr,
            hash=f.hash,
            compare=f.compare,
            metadata=f.metadata,
            kw_only=f.kw_only,
        )
    if hasattr(cls, "__post_init__"):
        ns["__post_init__"] = cls.__post_init__  # the generated __init__ calls it
    return dataclasses.dataclass(type(cls.__name__, (), ns), **options)
