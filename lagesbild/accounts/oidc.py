"""Single sign-on with the region's identity provider (OpenID Connect, mozilla-django-oidc).

A person who logs in through the provider is matched by the provider's `sub` claim (never
by e-mail alone), created on first login, and given on every login exactly the staff
memberships that their groups map to (LAGESBILD_OIDC_GROUP_MAP): groups removed at the
provider end the memberships they gave. Installation administration comes only from a
configured admin group. Every login through the provider is audited.
"""

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from lagesbild.accounts.models import Role, User
from lagesbild.accounts.services import audit_record

logger = logging.getLogger(__name__)

STAFF_ROLES = ("lead", "decision_maker", "core", "added")
ACCESS_ROLES = ("editor", "analyst", "contributor", "reader")
# Settings attribute (mozilla-django-oidc's name) -> key in the provider's discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


@dataclass(frozen=True)
class GroupGrant:
    """What one group at the provider gives: a place and a product role in one staff."""

    staff_slug: str
    staff_role: str
    access_role: str


def parse_group_map(text: str) -> dict[str, tuple[GroupGrant, ...]]:
    """Parse `GROUP=STAFF:STAFF_ROLE:ACCESS_ROLE` items separated by `;` or new lines.

    The group is everything before the last `=`, so LDAP-style names (`cn=x,ou=y`) work; a
    group may be named more than once to give places in several staffs.
    """
    grants: dict[str, list[GroupGrant]] = {}
    for raw in text.replace("\n", ";").split(";"):
        item = raw.strip()
        if not item:
            continue
        group, sep, target = item.rpartition("=")
        parts = [p.strip() for p in target.split(":")]
        if not sep or not group.strip() or len(parts) != 3 or not parts[0]:
            raise ImproperlyConfigured(
                f"LAGESBILD_OIDC_GROUP_MAP: {item!r} ska ha formen GRUPP=STAB:ROLL:BEHÖRIGHET"
            )
        slug, staff_role, access_role = parts
        if staff_role not in STAFF_ROLES:
            raise ImproperlyConfigured(
                f"LAGESBILD_OIDC_GROUP_MAP: okänd roll i staben {staff_role!r} i {item!r}; "
                f"tillåtna: {', '.join(STAFF_ROLES)}"
            )
        if access_role not in ACCESS_ROLES:
            raise ImproperlyConfigured(
                f"LAGESBILD_OIDC_GROUP_MAP: okänd behörighet {access_role!r} i {item!r}; "
                f"tillåtna: {', '.join(ACCESS_ROLES)}"
            )
        grants.setdefault(group.strip(), []).append(GroupGrant(slug, staff_role, access_role))
    return {group: tuple(items) for group, items in grants.items()}


def split_groups(text: str) -> frozenset[str]:
    return frozenset(g.strip() for g in text.replace("\n", ";").split(";") if g.strip())


def oidc_configured() -> bool:
    """Single sign-on is offered once a client id and an issuer (or the endpoints) are set."""
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and (settings.LAGESBILD_OIDC_ISSUER or settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
    )


@lru_cache(maxsize=4)
def _discovery(issuer: str) -> dict[str, Any]:
    url = f"{issuer}/.well-known/openid-configuration"
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    # OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer we asked.
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured(f"{url} anger utfärdaren {document.get('issuer')!r}")
    return document


def oidc_endpoint(attr: str) -> str:
    """An endpoint from the settings, else from the issuer's discovery document."""
    explicit: str = getattr(settings, attr, "")
    if explicit:
        return explicit
    issuer = settings.LAGESBILD_OIDC_ISSUER
    if not issuer:
        raise ImproperlyConfigured(f"Ange LAGESBILD_OIDC_ISSUER eller {attr}")
    value: str = _discovery(issuer)[ENDPOINTS[attr]]
    return value


def username_for(issuer: str, sub: str) -> str:
    """The local username of a person at a provider: a digest of (issuer, sub), stable and opaque.

    `sub` is unique only per issuer and may be personal (an employee number), so it is not
    shown as a username; the digest is enough to find the same person again.
    """
    digest = hashlib.sha256(f"{issuer}\x00{sub}".encode()).hexdigest()
    return f"oidc-{digest[:40]}"


class RegionOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's code flow, matching people by `sub` and mapping groups to roles."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for every local login too: resolve the provider's
        # endpoints only when a provider callback is actually being handled.
        self.UserModel = get_user_model()

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce; a local login form never reaches the provider.
        if request is None or "nonce" not in kwargs or not oidc_configured():
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = oidc_endpoint("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = oidc_endpoint("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = oidc_endpoint("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks signature, expiry and nonce; the audience and issuer are added here."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token is not meant for this client")
        issuer = settings.LAGESBILD_OIDC_ISSUER
        if issuer and str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("ID token comes from another issuer")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims: dict[str, Any] = self.get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: userinfo about anyone but the ID token's subject is refused.
        if not payload.get("sub") or claims.get("sub") != payload["sub"]:
            raise SuspiciousOperation("userinfo sub does not match the ID token")
        group_claim = settings.LAGESBILD_OIDC_GROUPS_CLAIM
        if group_claim not in claims and group_claim in payload:
            claims[group_claim] = payload[group_claim]  # some providers put groups only here
        issuer = str(payload.get("iss", settings.LAGESBILD_OIDC_ISSUER)).rstrip("/")
        username = username_for(issuer, str(claims["sub"]))
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            created = user is None
            if user is None:
                if not settings.OIDC_CREATE_USER:
                    return None
                user = User.objects.create_user(username, email=claims.get("email", ""))
            if not user.is_active:
                # A person an administrator has shut out stays out, whatever the provider says.
                audit_record(
                    actor=user,
                    action="oidc_login_refused",
                    obj=user,
                    summary="Inloggning via regionens identitetstjänst nekad: kontot är avstängt",
                    details={"issuer": issuer, "sub": str(claims["sub"])},
                )
                return None
            oidc_login_provision(user=user, issuer=issuer, claims=claims, created=created)
        return user


def _groups(claims: dict[str, Any]) -> frozenset[str]:
    value = claims.get(settings.LAGESBILD_OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    return frozenset(str(g) for g in value)


def _memberships_follow(*, user: User, grants: set[GroupGrant]) -> dict[str, list[str]]:
    """Memberships the provider made follow the groups (staff.services.membership_sync)."""
    # Imported here: staff builds on accounts, so accounts may not import staff at load time.
    from lagesbild.staff.services import membership_sync

    result = membership_sync(
        user=user,
        grants=sorted((g.staff_slug, g.staff_role, g.access_role) for g in grants),
        source="sso",
    )
    for missing in result.unknown_staffs:
        logger.warning("LAGESBILD_OIDC_GROUP_MAP names a staff that does not exist: %s", missing)

    def names(members: list[Any]) -> list[str]:
        return [f"{m.staff.slug}:{m.staff_role}:{m.access_role}" for m in members]

    return {"granted": names(result.added + result.updated), "ended": names(result.ended)}


def oidc_login_provision(
    *, user: User, issuer: str, claims: dict[str, Any], created: bool
) -> dict[str, Any]:
    """Bring a person in line with the provider's claims at login, and audit it.

    1. Name and e-mail follow the provider.
    2. Installation admin only while in a configured admin group (never by default).
    3. Staff memberships are exactly those the groups map to (unknown groups give nothing).
    """
    groups = _groups(claims)
    user.first_name = str(claims.get("given_name", user.first_name))[:150]
    user.last_name = str(claims.get("family_name", user.last_name))[:150]
    user.email = str(claims.get("email", user.email))
    is_admin = bool(groups & split_groups(settings.LAGESBILD_OIDC_ADMIN_GROUPS))
    if is_admin:
        user.role, user.is_staff, user.is_superuser = Role.ADMIN, True, True
    elif user.role == Role.ADMIN or user.is_superuser:
        user.role, user.is_staff, user.is_superuser = Role.READER, False, False
    user.set_unusable_password()  # the provider is the only way in for this account
    user.save()

    group_map = parse_group_map(settings.LAGESBILD_OIDC_GROUP_MAP)
    wanted = {grant for group in sorted(groups) for grant in group_map.get(group, ())}
    changes = _memberships_follow(user=user, grants=wanted)
    details = {
        "issuer": issuer,
        "sub": str(claims.get("sub", "")),
        "groups": sorted(groups),
        "admin": is_admin,
        "created": created,
        **changes,
    }
    audit_record(
        actor=user,
        action="oidc_login",
        obj=user,
        summary=("Konto skapat vid inloggning" if created else "Inloggning")
        + " via regionens identitetstjänst",
        details=details,
    )
    return details


def check_oidc_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """System check: a mistyped group map fails `lagesbild check` and startup, not a login."""
    from django.core.checks import Error

    errors = []
    try:
        parse_group_map(settings.LAGESBILD_OIDC_GROUP_MAP)
    except ImproperlyConfigured as exc:
        errors.append(Error(str(exc), id="lagesbild.E101"))
    if settings.OIDC_RP_CLIENT_ID and not oidc_configured():
        errors.append(
            Error(
                "LAGESBILD_OIDC_CLIENT_ID är satt men varken LAGESBILD_OIDC_ISSUER eller "
                "LAGESBILD_OIDC_AUTHORIZATION_ENDPOINT",
                id="lagesbild.E102",
            )
        )
    return errors
