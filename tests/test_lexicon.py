"""The lexicon holds words only: data modules that import nothing from the rest of geomap,
each list declared once."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import geomap.lexicon

MODULES = sorted(m.name for m in pkgutil.iter_modules(geomap.lexicon.__path__))


def _tree(name: str) -> ast.Module:
    path = Path(geomap.lexicon.__path__[0]) / f"{name}.py"
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", MODULES)
def test_modules_hold_declarations_only(name):
    tree = _tree(name)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            assert node.module.startswith("geomap.lexicon."), node.module
        else:
            docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            assert docstring or isinstance(node, ast.Assign), ast.dump(node)[:80]


@pytest.mark.parametrize("name", MODULES)
def test_lists_hold_words(name):
    module = importlib.import_module(f"geomap.lexicon.{name}")
    lists = {k: v for k, v in vars(module).items() if k.isupper()}
    assert lists
    for key, value in lists.items():
        assert isinstance(value, set | frozenset | dict | tuple), key
        assert value and all(isinstance(word, str) for word in value), key


def test_each_list_is_declared_once():
    declared: dict[str, str] = {}
    for name in MODULES:
        for node in _tree(name).body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    assert isinstance(target, ast.Name)
                    assert target.id not in declared, (target.id, declared.get(target.id))
                    declared[target.id] = name


def test_no_two_lists_hold_the_same_words():
    seen: dict[frozenset[str], str] = {}
    for name in MODULES:
        module = importlib.import_module(f"geomap.lexicon.{name}")
        for key in sorted(_own_names(name)):
            words = frozenset(getattr(module, key))
            assert words not in seen, (f"{name}.{key}", seen.get(words))
            seen[words] = f"{name}.{key}"


def _own_names(name: str) -> set[str]:
    return {
        target.id
        for node in _tree(name).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
