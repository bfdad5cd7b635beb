"""Glossary: manuscript/glossary.yaml -> entries of four kinds (persons, places, organisations, terms).

A person's ``aliases`` are the speaker labels that name them in the sources;
every entry's ``mentions`` are the forms under which the running text names
it. Mentions are what the glossary links, the index lists and the lint
checks. ``link`` says which mentions of an entry link to it: ``first`` (the
default: the first in each document), ``all`` or ``none``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edition.diagnostics import InputError

KINDS = {"persons": "Persons", "places": "Places", "organisations": "Organisations and abbreviations",
         "terms": "Russian terms"}
LINK_MODES = ("first", "all", "none")
TEXT_FIELDS = ("name", "original", "dates", "description", "translation", "lang")


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    name: str
    line: int
    description: str = ""
    original: str = ""       # the name in its own script, where certain
    dates: str = ""          # life dates, where certain
    translation: str = ""    # for terms
    lang: str = ""           # for terms: the language of the term, e.g. ru-Latn
    aliases: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    link: str = "first"

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form that names the entry in the running text, longest first, so "N.S. Khrushchev"
        wins over "Khrushchev"."""
        return tuple(sorted({*self.mentions, *(a for a in self.aliases if a not in self.mentions)},
                            key=lambda form: (-len(form), form)))


@dataclass(frozen=True)
class Glossary:
    entries: dict[str, Entry] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries.values() if entry.kind == kind]

    @property
    def persons(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.of_kind("persons")}


def _strings(value, path: Path, line: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise InputError.of("CFG005", path, line, f"{what} must be a list of non-empty strings",
                            "write it as [First form, Second form]")
    return tuple(value)


def parse_glossary(data, path: Path) -> Glossary:
    """The glossary from YAML already loaded with line numbers (``__line__`` keys)."""
    if data is None:
        return Glossary()
    if not isinstance(data, dict):
        raise InputError.of("CFG005", path, 1, "glossary.yaml must be a mapping of kinds to entries",
                            f"start with one of: {', '.join(KINDS)}")
    entries: dict[str, Entry] = {}
    alias_owner: dict[str, str] = {}
    for kind, section in data.items():
        if kind == "__line__":
            continue
        if kind not in KINDS:
            raise InputError.of("CFG005", path, data["__line__"], f"unknown glossary section {kind!r}",
                                f"use {', '.join(KINDS)}")
        if not isinstance(section, dict):
            raise InputError.of("CFG005", path, data["__line__"], f"`{kind}` must be a mapping of id to entry",
                                f"write {kind}:\\n  an-id:\\n    name: ...")
        for entry_id, raw in section.items():
            if entry_id == "__line__":
                continue
            line = raw.get("__line__", section["__line__"]) if isinstance(raw, dict) else section["__line__"]
            if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
                raise InputError.of("CFG005", path, line, f"entry {entry_id!r} has no name", "add name: ... to the entry")
            if entry_id in entries:
                raise InputError.of("CFG005", path, line, f"entry id {entry_id!r} is used twice",
                                    "give each entry its own id")
            for key in TEXT_FIELDS:
                if key in raw and not isinstance(raw[key], (str, int)):
                    raise InputError.of("CFG005", path, line, f"{key} of {entry_id!r} must be text", f"write {key}: ...")
            link = str(raw.get("link", "first"))
            if link not in LINK_MODES:
                raise InputError.of("CFG005", path, line, f"link of {entry_id!r} must be one of {', '.join(LINK_MODES)}",
                                    "write link: none to never link it, or link: all to link every mention")
            aliases = _strings(raw.get("aliases"), path, line, f"aliases of {entry_id!r}")
            for alias in aliases:
                if alias_owner.setdefault(alias, entry_id) != entry_id:
                    raise InputError.of("CFG005", path, line,
                                        f"alias {alias!r} belongs to both {alias_owner[alias]!r} and {entry_id!r}",
                                        "an alias must name one person; remove it from one of them")
            entries[entry_id] = Entry(
                id=entry_id, kind=kind, line=line, aliases=aliases,
                mentions=_strings(raw.get("mentions"), path, line, f"mentions of {entry_id!r}"), link=link,
                **{key: str(raw.get(key, "")).strip() for key in TEXT_FIELDS})
    return Glossary(entries)
