"""Who may write what: the secretary and each theme's coordinators, by e-mail or group claim (pure logic)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GROUP_PREFIX = "group:"  # an entry naming a group claim's value rather than an e-mail address


class RolesError(ValueError):
    """The editors' configuration cannot be used; the message names the key and the problem."""


class NotAllowedError(PermissionError):
    """A write by someone whose role does not cover it (checked by every write, whatever the page showed)."""


@dataclass(frozen=True)
class Editor:
    """A signed-in person as the identity provider vouched for them: e-mail and group claims."""

    email: str
    groups: frozenset[str] = frozenset()

    @property
    def who(self) -> str:
        return self.email


def _members(value: object, where: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise RolesError(f"editors.{where}: a list of e-mail addresses or 'group:<name>' entries")
    members = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise RolesError(f"editors.{where}: {item!r} is not an e-mail address or 'group:<name>'")
        text = item.strip()
        if not text.startswith(GROUP_PREFIX) and "@" not in text:
            raise RolesError(f"editors.{where}: {text!r} is not an e-mail address or 'group:<name>'")
        members.add(text if text.startswith(GROUP_PREFIX) else text.lower())
    return frozenset(members)


@dataclass(frozen=True)
class Roles:
    """The configured roles: the secretary (every theme, meeting dates, final marks) and coordinators per theme."""

    secretary: frozenset[str] = frozenset()
    coordinators: Mapping[str, frozenset[str]] = field(default_factory=dict)
    groups_claim: str = "groups"
    writes_per_minute: int = 20

    @property
    def configured(self) -> bool:
        return bool(self.secretary or any(self.coordinators.values()))

    @staticmethod
    def _holds(members: frozenset[str], editor: Editor | None) -> bool:
        if editor is None or not editor.email:
            return False
        return editor.email.lower() in members or any(GROUP_PREFIX + g in members for g in editor.groups)

    def is_secretary(self, editor: Editor | None) -> bool:
        return self._holds(self.secretary, editor)

    def themes_of(self, editor: Editor | None, theme_ids: Iterable[str]) -> list[str]:
        """The themes `editor` may assess: every one for the secretary, their own for a coordinator."""
        if self.is_secretary(editor):
            return list(theme_ids)
        return [t for t in theme_ids if self._holds(self.coordinators.get(t, frozenset()), editor)]

    def may_assess(self, editor: Editor | None, theme_id: str) -> bool:
        return self.is_secretary(editor) or self._holds(self.coordinators.get(theme_id, frozenset()), editor)

    def check_assess(self, editor: Editor | None, theme_id: str) -> Editor:
        if editor is None or not self.may_assess(editor, theme_id):
            raise NotAllowedError(f"{editor.who if editor else 'an anonymous viewer'} may not assess theme {theme_id}")
        return editor

    def check_secretary(self, editor: Editor | None, what: str) -> Editor:
        if editor is None or not self.is_secretary(editor):
            who = editor.who if editor else "an anonymous viewer"
            raise NotAllowedError(f"only the secretary may {what}; {who} is not")
        return editor


def parse_roles(config: Mapping[str, object] | None, theme_ids: Iterable[str]) -> Roles:
    """The roles of the `[editors]` table of the secrets (or a region pack's equivalent mapping).

    secretary = ["sihteeri@kouvola.fi", "group:tyollisyys-sihteeri"]
    groups_claim = "groups"          # the ID token's claim holding group ids (Entra ID: "groups")
    writes_per_minute = 20
    [editors.coordinators]
    "4.1" = ["koordinaattori@kotka.fi"]
    """
    if not config:
        return Roles()
    known = {"secretary", "coordinators", "groups_claim", "writes_per_minute"}
    unknown = sorted(set(config) - known)
    if unknown:
        raise RolesError(f"editors.{unknown[0]}: unknown key (known: {', '.join(sorted(known))})")
    themes = list(theme_ids)
    coordinators_config = config.get("coordinators") or {}
    if not isinstance(coordinators_config, Mapping):
        raise RolesError("editors.coordinators: a table of theme id = list of members")
    coordinators = {}
    for theme_id, members in coordinators_config.items():
        if theme_id not in themes:
            raise RolesError(f"editors.coordinators.{theme_id}: not a theme of the programme ({', '.join(themes)})")
        coordinators[theme_id] = _members(members, f"coordinators.{theme_id}")
    rate = config.get("writes_per_minute", 20)
    if not isinstance(rate, int) or isinstance(rate, bool) or not 1 <= rate <= 600:
        raise RolesError(f"editors.writes_per_minute: {rate!r} is not a whole number from 1 to 600")
    claim = config.get("groups_claim", "groups")
    if not isinstance(claim, str) or not claim:
        raise RolesError("editors.groups_claim: the name of a claim")
    return Roles(_members(config.get("secretary", []), "secretary"), coordinators, claim, rate)
