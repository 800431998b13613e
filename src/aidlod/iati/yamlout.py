"""How an import writes a record as YAML: texts in the style a person edits, decimals as stated, codes
as strings. Publishers keep editing the records an import writes, so they must read as if written by hand."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import yaml

from .. import records

_STR, _INT, _MAP, _SEQ = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:map",
                          "tag:yaml.org,2002:seq")


_SHORT = 64  # texts up to this long have their style and tag remembered (field names, codes, dates)


def _text_style(value: str) -> str | None:
    """How a text is written: plain, or quoted when records would read it as a number (an
    organisation ref ``00296``); a record repeats the same keys, codes and languages many times."""
    return _short_style(value) if len(value) <= _SHORT else None if records.reads_as_text(value) else "'"


@functools.lru_cache(maxsize=1 << 14)
def _short_style(value: str) -> str | None:
    return None if records.reads_as_text(value) else "'"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """LibYAML's emitter when PyYAML was built with it (the same YAML, written several times faster),
    quoting text that records would read as a number (an organisation ref ``00296``).

    PyYAML's representer and resolver were the most of an import's writing time (docs/iati.md): the
    texts, integers, mappings and lists a record is made of are represented here by the nodes
    ``SafeRepresenter`` makes of them (a mapping or list met twice still becomes an alias), and the
    emitter's question which tag a plain scalar would read as is answered once per text; anything
    else goes through PyYAML's own code. ``tests/test_iati_import_yaml.py`` compares both writers.
    """

    def represent_data(self, data: Any) -> yaml.Node:
        kind = type(data)
        if kind is str:  # SafeRepresenter never makes an alias of a text or number
            return yaml.ScalarNode(_STR, data, style=_text_style(data))
        if kind is int:
            return yaml.ScalarNode(_INT, str(data))
        if (kind is dict or kind is list) and self.default_flow_style is not None and not self.sort_keys:
            key = id(data)
            seen = self.represented_objects.get(key)
            if seen is not None:
                return seen
            self.object_keeper.append(data)
            if kind is dict:
                pairs: list[tuple[yaml.Node, yaml.Node]] = []
                node: yaml.Node = yaml.MappingNode(_MAP, pairs, flow_style=self.default_flow_style)
                self.represented_objects[key] = node
                for k, v in data.items():
                    pairs.append((self.represent_data(k), self.represent_data(v)))
            else:
                items: list[yaml.Node] = []
                node = yaml.SequenceNode(_SEQ, items, flow_style=self.default_flow_style)
                self.represented_objects[key] = node
                for v in data:
                    items.append(self.represent_data(v))
            return node
        return super().represent_data(data)

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is _SCALAR:
            if not implicit[0]:
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _RESOLVER.resolve(_SCALAR, value, (True, False))
                if len(value) <= _SHORT and len(_PLAIN_TAGS) < 1 << 14:
                    _PLAIN_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


_SCALAR = yaml.ScalarNode


# The tag PyYAML's resolver reads a short plain scalar as (``00296`` an int, ``yes`` a bool), by text
_PLAIN_TAGS: dict[str, str] = {}


_RESOLVER = yaml.resolver.Resolver()  # the emitter's: no path resolvers, so a text's tag is the same everywhere


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=_text_style(value))


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_Dumper.add_representer(str, _represent_text)


_Dumper.add_representer(Decimal, _represent_decimal)


def _yaml_text(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
