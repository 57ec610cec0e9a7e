"""How each kind, confidence and relation looks: one table for the page, DOT and the legend.

Colours are the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies;
every kind also differs by shape and symbol, so colour is never the only cue.
"""

from __future__ import annotations

from typing import Any

KIND_STYLE: dict[str, dict[str, Any]] = {
    "thesis": {"color": "#0072B2", "font": "#ffffff", "shape": "box", "dot": "box",
               "symbol": "\u2605", "border": 3},
    "reason": {"color": "#E69F00", "font": "#1a1a1a", "shape": "box", "dot": "box",
               "symbol": "\u25b2", "border": 2},
    "claim": {"color": "#56B4E9", "font": "#1a1a1a", "shape": "ellipse", "dot": "ellipse",
              "symbol": "\u25c6", "border": 1},
    "evidence": {"color": "#009E73", "font": "#ffffff", "shape": "database", "dot": "cylinder",
                 "symbol": "\u25a0", "border": 1},
    "objection": {"color": "#D55E00", "font": "#ffffff", "shape": "box", "dot": "octagon",
                  "symbol": "\u2716", "border": 2},
    "rebuttal": {"color": "#CC79A7", "font": "#1a1a1a", "shape": "ellipse", "dot": "hexagon",
                 "symbol": "\u21ba", "border": 1},
}

#: hedged evidence gets a dashed border; the level is also written on the node
CONFIDENCE_STYLE: dict[str, dict[str, Any]] = {
    "certain": {"dashes": False, "mark": "certain"},
    "likely": {"dashes": False, "mark": "likely"},
    "possible": {"dashes": [6, 4], "mark": "possible"},
    "doubtful": {"dashes": [2, 4], "mark": "doubtful"},
}

RELATION_STYLE: dict[str, dict[str, Any]] = {
    "supports": {"color": "#4d4d4d", "dashes": False, "arrow": "arrow", "dot": "solid",
                 "dothead": "normal", "width": 1.5},
    "attacks": {"color": "#D55E00", "dashes": [8, 5], "arrow": "bar", "dot": "dashed",
                "dothead": "tee", "width": 2.5},
    "undercuts": {"color": "#7b3294", "dashes": [2, 4], "arrow": "bar", "dot": "dotted",
                  "dothead": "tee", "width": 2.5},
}
