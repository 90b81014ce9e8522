"""What ``annotate`` infers from names: the defaults and the ``[tool.batchtyping.codemods.annotate]`` keys.

```toml
[tool.batchtyping.codemods.annotate]
parameters = { cfg = "HyperParams", data = false }  # parameter name -> alias (false: none)
returns = { "make_*_params" = "Params" }            # function-name glob -> alias
forward-pass = { rng = ["rng", "key", "prng"] }     # role -> names at that position
verify = true                                        # back out what makes new errors
verify-with = ["mypy", "pyright"]                    # pyright only when installed
overwrite = false                                    # replace existing annotations
```
Tables are merged over the defaults below, key by key.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from batchtyping.vocabulary import ALIAS_NAMES, BY_NAME, FORWARD_PASS_ROLES

CONFIG_TABLE = "[tool.batchtyping.codemods.annotate]"

CHECKERS: tuple[str, ...] = ("mypy", "pyright")
"""What verification may run (pyright only when it is installed)."""

FORWARD_ROLES: tuple[str, ...] = FORWARD_PASS_ROLES
"""The positional parameters of a forward pass, in order (``ModuleCallable``; the vocabulary's)."""

DEFAULT_FORWARD_PASS: dict[str, tuple[str, ...]] = {
    "params": ("params", "parameters", "p", "theta"),
    "data": ("data", "inputs", "input", "x", "X", "batch"),
    "training": ("training", "train", "is_training"),
    "state": ("state", "model_state", "s"),
    "rng": ("rng", "key", "prng_key", "rng_key"),
}

DEFAULT_PARAMETERS: dict[str, str] = {
    "params": "Params",
    "parameters": "Params",
    "state": "State",
    "hyperparams": "HyperParams",
    "hyper_params": "HyperParams",
    "hparams": "HyperParams",
    "input_shape": "DataShape",
    "output_shape": "DataShape",
    "in_shape": "DataShape",
    "out_shape": "DataShape",
    "data_shape": "DataShape",
}

DEFAULT_RETURNS: dict[str, str] = {
    "get_params": "Params",
    "init_params": "Params",
    "get_state": "State",
    "init_state": "State",
    "get_hyperparameters": "HyperParams",
    "get_hyperparams": "HyperParams",
    "get_input_shape": "DataShape",
    "get_output_shape": "DataShape",
}

# Aliases a convention may name: the vocabulary's, minus the callable (that one is inferred).
CONVENTION_ALIASES = tuple(name for name in ALIAS_NAMES if name != "ModuleCallable")


class ConfigError(ValueError):
    """A bad ``[tool.batchtyping.codemods.annotate]`` value; the message names the key."""


@dataclass(frozen=True)
class AnnotateConfig:
    parameters: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PARAMETERS))
    returns: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_RETURNS))
    forward_pass: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_FORWARD_PASS)
    )
    verify: bool = True
    overwrite: bool = False
    verify_with: tuple[str, ...] = CHECKERS

    @classmethod
    def from_table(cls, table: Mapping[str, Any], source: str = "pyproject.toml") -> AnnotateConfig:
        """Defaults updated by a config table; unknown keys and aliases are errors."""
        where = f"{source}: {CONFIG_TABLE}"
        known = {"parameters", "returns", "forward-pass", "verify", "verify-with", "overwrite"}
        for key in table:
            if key not in known:
                raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
        parameters = _alias_table(DEFAULT_PARAMETERS, table.get("parameters", {}), f"{where} parameters")
        returns = _alias_table(DEFAULT_RETURNS, table.get("returns", {}), f"{where} returns")
        forward = dict(DEFAULT_FORWARD_PASS)
        given = table.get("forward-pass", {})
        if not isinstance(given, Mapping):
            raise ConfigError(f"{where} forward-pass: expected a table of role = [names]")
        for role, names in given.items():
            if role not in FORWARD_ROLES:
                raise ConfigError(
                    f"{where} forward-pass: unknown role {role!r} (roles: {', '.join(FORWARD_ROLES)})"
                )
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigError(f"{where} forward-pass.{role}: expected a list of names")
            forward[role] = tuple(names)
        flags = {}
        for key in ("verify", "overwrite"):
            value = table.get(key, getattr(cls, key))
            if not isinstance(value, bool):
                raise ConfigError(f"{where} {key}: expected true or false, got {value!r}")
            flags[key] = value
        checkers = table.get("verify-with", list(CHECKERS))
        if not isinstance(checkers, list) or not set(checkers) <= set(CHECKERS):
            raise ConfigError(f"{where} verify-with: expected a list drawn from {list(CHECKERS)}")
        return cls(parameters, returns, forward, **flags, verify_with=tuple(checkers))

    def parameter_alias(self, name: str) -> str | None:
        return self.parameters.get(name)

    def return_alias(self, function_name: str) -> str | None:
        for pattern, alias in self.returns.items():
            if fnmatch.fnmatchcase(function_name, pattern):
                return alias
        return None

    def forward_role(self, position: int, name: str) -> str | None:
        role = FORWARD_ROLES[position]
        return role if name in self.forward_pass[role] else None


def _alias_table(defaults: Mapping[str, str], given: object, where: str) -> dict[str, str]:
    if not isinstance(given, Mapping):
        raise ConfigError(f"{where}: expected a table of name = \"Alias\"")
    merged = dict(defaults)
    for name, alias in given.items():
        if alias is False:
            merged.pop(name, None)
        elif alias in CONVENTION_ALIASES:
            merged[name] = alias
        else:
            raise ConfigError(
                f"{where}.{name}: {alias!r} is not a batchtyping alias "
                f"(one of {', '.join(CONVENTION_ALIASES)}, or false)"
            )
    return merged


def role_of(alias: str) -> str:
    """The vocabulary role of an alias (``params``, ``data``, ``shape``, ``state``, ...)."""
    return BY_NAME[alias].role
