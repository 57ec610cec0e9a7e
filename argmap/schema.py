"""The map format's fields, written down once.

The native reader validates against these tables, ``argmap schema`` prints them as JSON Schema
(for editor completion) and the docs describe them; a new field is added here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .model import CONFIDENCES, KINDS

FORMAT_VERSION = 1
ID_PATTERN = r"^[A-Za-z0-9_-]+$"
ID_RE = re.compile(ID_PATTERN)
#: an ISO date, optionally with a time (``2026-11-28``, ``2026-11-28T09:30``)
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
DATE_RE = re.compile(DATE_PATTERN)


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # "string", "text" (non-empty string), "id-list", "string-list", "mapping", ...
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()


REVIEW_DESCRIPTION = ("Review notes on %s (a teacher's feedback): a list of "
                      "{by: name, text: the note, at: ISO date}; only text is required.")
#: the keys of one review note, in the order they are written
REVIEW_KEYS: tuple[str, ...] = ("by", "at", "text")

TOP_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("argmap", "version", "Format version; if present it must be 1."),
        Field("title", "string", "The question or title the map answers."),
        Field("essay", "string", "Path of the essay's UTF-8 text, relative to this file."),
        Field("essay_text", "string",
              "The essay's text itself, embedded: a map with it needs no essay file "
              "(`argmap convert --embed-essay` writes it)."),
        Field(
            "kinds",
            "kind-names",
            "How each kind is named on this map, e.g. {reason: Motive}.",
        ),
        Field("nodes", "nodes", "The statements: id -> node, in reading order.", required=True),
        Field(
            "check",
            "check-config",
            "Settings for `argmap check`, e.g. {ignore: [AM203]}.",
        ),
        Field("meta", "mapping", "Free-form data kept from other tools; argmap ignores it."),
        Field("review", "review-list", REVIEW_DESCRIPTION % "the map as a whole"),
    )
}

NODE_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("kind", "choice", "What the statement does in the argument.", True, KINDS),
        Field("text", "text", "The statement, in your own words.", required=True),
        Field("label", "string", "Short title shown on the map (default: the text, shortened)."),
        Field(
            "confidence",
            "choice",
            "How sure the essay is of it (absent = not rated).",
            choices=CONFIDENCES,
        ),
        Field("source", "string", "Where the evidence comes from."),
        Field("quote", "string", "An exact passage of the essay this node stands for."),
        Field("tags", "string-list", "Keywords for search and filtering."),
        Field("note", "string", "A remark for the reader or the teacher."),
        Field("group", "string", "A section or heading the statement belongs to."),
        Field("supports", "target-list", "Id(s) of the node(s) this one is a reason for."),
        Field("attacks", "target-list", "Id(s) of the node(s) this one argues against."),
        Field(
            "undercuts",
            "inference-list",
            "Inference(s) this one argues against: {from: premise id, to: conclusion id, link: name}.",
        ),
        Field("data", "mapping", "Free-form data kept from other tools; argmap ignores it."),
        Field("review", "review-list", REVIEW_DESCRIPTION % "this statement"),
    )
}

RELATION_FIELDS: tuple[str, ...] = ("supports", "attacks")
TARGET_KEYS: tuple[str, ...] = ("to", "link")
INFERENCE_KEYS: tuple[str, ...] = ("from", "to", "link")
CHECK_KEYS: tuple[str, ...] = ("ignore", "select")


def clean_review(value: Any) -> list[dict[str, str]]:
    """The well-formed notes of a ``review`` value another format carried (the rest dropped)."""
    notes = []
    for item in value if isinstance(value, list) else ():
        if not isinstance(item, dict):
            continue
        note = {k: item[k].strip() for k in REVIEW_KEYS if isinstance(item.get(k), str) and item[k].strip()}
        if "at" in note and not DATE_RE.match(note["at"]):
            del note["at"]
        if "text" in note:
            notes.append(note)
    return notes


def json_schema() -> dict[str, Any]:
    """The format as JSON Schema (draft 2020-12), for editors and other tools."""
    id_schema = {"type": "string", "pattern": ID_PATTERN}
    target = {
        "oneOf": [
            id_schema,
            {
                "type": "object",
                "properties": {
                    "to": id_schema,
                    "link": {
                        "type": "string",
                        "description": "Premises sharing a link name support the target jointly.",
                    },
                },
                "required": ["to"],
                "additionalProperties": False,
            },
        ]
    }
    inference = {
        "type": "object",
        "properties": {
            "from": id_schema,
            "to": id_schema,
            "link": {"type": "string", "description": "Objections sharing a link name undercut jointly."},
        },
        "required": ["from", "to"],
        "additionalProperties": False,
    }

    def one_or_many(item: dict[str, Any]) -> dict[str, Any]:
        return {"oneOf": [item, {"type": "array", "items": item}]}

    by_type: dict[str, Any] = {
        "string": {"type": "string"},
        "text": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "string-list": {"type": "array", "items": {"type": ["string", "number"]}},
        "target-list": one_or_many(target),
        "inference-list": one_or_many(inference),
        "mapping": {"type": "object"},
        "review-list": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "by": {"type": "string", "description": "Who wrote the note."},
                    "at": {"type": "string", "description": "When: an ISO date such as 2026-11-28.",
                           "pattern": DATE_PATTERN},
                    "text": {"type": "string", "minLength": 1, "pattern": r"\S"},
                },
                "required": ["text"],
                "additionalProperties": False,
            },
        },
        "version": {"const": FORMAT_VERSION},
        "kind-names": {
            "type": "object",
            "propertyNames": {"enum": list(KINDS)},
            "additionalProperties": {"type": "string"},
        },
        "check-config": {
            "type": "object",
            "properties": {k: {"type": "array", "items": {"type": "string"}} for k in CHECK_KEYS},
            "additionalProperties": False,
        },
    }

    def prop(f: Field) -> dict[str, Any]:
        schema = dict(by_type[f.type]) if f.type in by_type else {}
        if f.type == "choice":
            schema = {"enum": list(f.choices)}
        schema["description"] = f.description
        return schema

    node = {
        "type": "object",
        "properties": {name: prop(f) for name, f in NODE_FIELDS.items()},
        "required": [name for name, f in NODE_FIELDS.items() if f.required],
        "additionalProperties": False,
    }
    top: dict[str, Any] = {name: prop(f) for name, f in TOP_FIELDS.items() if f.type != "nodes"}
    top["nodes"] = {
        "type": "object",
        "description": TOP_FIELDS["nodes"].description,
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": node,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "argmap-1.schema.json",
        "title": "argmap argument map (format version 1)",
        "type": "object",
        "properties": top,
        "required": ["nodes"],
        "additionalProperties": False,
    }
