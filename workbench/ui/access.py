"""Who may open the served dashboard, and who may change the plan.

The server decides, never the page: a session's role comes from the signed login
cookie (``pn.state.user``) and the users file or the list of OAuth editors. Viewers
get the read-only workbench. Whatever the login, a websocket upgrade must carry an
allowed ``Origin`` header (a missing one is refused too), so that no other web page
and no stray client can drive a session.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bokeh.server.auth_provider import AuthProvider
from panel.auth import BasicAuthProvider, BasicLoginHandler, OAuthProvider
from tornado.websocket import WebSocketHandler

from workbench.io.users_file import check_password, hash_password, load_users

LOGINS = ("none", "users", "oauth")
EDITOR, VIEWER = "editor", "viewer"
# Checked when the name is unknown, so a wrong name costs as long as a wrong password.
_NO_SUCH_USER = hash_password("", salt=b"no such user....")


def is_loopback(address: str) -> bool:
    """Whether ``address`` only accepts connections from this machine.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("192.168.1.20"), is_loopback("plans.example")
    (False, False, False)
    """
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:  # a host name other than localhost may resolve to anything
        return False


@dataclass(frozen=True)
class Access:
    """How people log in to a served dashboard and which role each one gets.

    Attributes
    ----------
    login : str
        ``none`` (nobody logs in: only sensible on this machine), ``users`` (a users
        file, see :mod:`workbench.io.users_file`) or ``oauth`` (Panel's OAuth).
    users_file : Path, optional
        The users file, for ``login="users"``.
    oauth_provider : str, optional
        Panel's OAuth provider name (``github``, ``google``, ``azure``...).
    editors : frozenset of str
        OAuth users who may edit; every other OAuth user is a viewer.
    read_only : bool
        Everyone is a viewer, whatever their role.

    Examples
    --------
    >>> Access().role(None)
    'editor'
    >>> Access(read_only=True).role(None)
    'viewer'
    >>> oauth = Access(login="oauth", oauth_provider="github", editors=frozenset({"dana"}))
    >>> oauth.role("dana"), oauth.role("sam"), oauth.role(None)
    ('editor', 'viewer', 'viewer')
    """

    login: str = "none"
    users_file: Path | None = None
    oauth_provider: str | None = None
    editors: frozenset[str] = field(default_factory=frozenset)
    read_only: bool = False

    def __post_init__(self) -> None:
        if self.login not in LOGINS:
            raise ValueError(f"Unknown login {self.login!r}: use one of {', '.join(LOGINS)}.")
        if self.login == "users" and self.users_file is None:
            raise ValueError("A users-file login needs the users file.")
        if self.login == "oauth" and not self.oauth_provider:
            raise ValueError("An OAuth login needs the provider's name.")

    def role(self, user: str | None) -> str:
        """The role of a session's user: ``editor`` or ``viewer``.

        Parameters
        ----------
        user : str or None
            The logged-in user as the server knows it (``pn.state.user``).

        Returns
        -------
        str
            ``viewer`` for read-only dashboards, unknown users and anyone not
            listed as an editor; ``editor`` when nobody logs in (this machine only).
        """
        if self.read_only:
            return VIEWER
        if self.login == "none":
            return EDITOR
        if user is None:
            return VIEWER
        if self.login == "users":
            found = load_users(self.users_file).get(user)
            return found.role if found is not None else VIEWER
        return EDITOR if user in self.editors else VIEWER


def check_exposure(address: str, access: Access, no_auth: bool = False) -> None:
    """Refuse to serve a network address without a login, unless told to.

    Parameters
    ----------
    address : str
        The address the server listens on.
    access : Access
        The login in use.
    no_auth : bool
        The explicit, dangerous ``--no-auth``: anyone who reaches the address may
        edit and save the plan.

    Raises
    ------
    ValueError
        For a non-loopback address with ``login="none"`` and no ``no_auth``.

    Examples
    --------
    >>> check_exposure("127.0.0.1", Access())
    >>> check_exposure("0.0.0.0", Access())
    Traceback (most recent call last):
    ...
    ValueError: Refusing to serve 0.0.0.0 without a login: ...
    """
    if access.login == "none" and not no_auth and not is_loopback(address):
        raise ValueError(
            f"Refusing to serve {address} without a login: anyone who reaches it could "
            "change and save the plan. Use --basic-auth USERS_FILE or --oauth-provider, "
            "or --no-auth if you really mean it.")


def origin_allowed(handler: Any) -> bool:
    """Whether a request may go on: websocket upgrades need an allowed ``Origin``.

    Tornado lets an upgrade without ``Origin`` through (it assumes a non-browser
    client); a dashboard session has no business with such clients.
    """
    if not isinstance(handler, WebSocketHandler):
        return True
    origin = handler.request.headers.get("Origin")
    return bool(origin) and handler.check_origin(origin)


def _guarded(get_user: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    def get_user_with_origin(handler: Any) -> str | None:
        return get_user(handler) if origin_allowed(handler) else None
    return get_user_with_origin


class LocalAuthProvider(AuthProvider):
    """No login (this machine only): everyone is ``local``, but websockets need an Origin."""

    @property
    def get_user(self) -> Callable[[Any], str | None]:
        return _guarded(lambda _handler: "local")

    @property
    def login_url(self) -> str:
        # Never visited: every page request has a user. Bokeh wants one all the same.
        return "/login"


class UsersFileLoginHandler(BasicLoginHandler):
    """Panel's login form, checked against the hashed passwords of a users file."""

    users_file: Path

    def _validate(self, username: str, password: str) -> bool:  # Panel's login hook
        user = load_users(self.users_file).get(username)
        stored = user.password_hash if user is not None else _NO_SUCH_USER
        return check_password(password, stored) and user is not None


class UsersFileAuthProvider(BasicAuthProvider):
    """Panel's basic login with a users file of hashed passwords and roles.

    The file is read on every login and page load, so ``workbench users add`` takes
    effect at once, and a user removed from it cannot open the page again.
    """

    def __init__(self, users_file: Path, **params: Any) -> None:
        self.users_file = Path(users_file)
        super().__init__(**params)

    @property
    def get_user(self) -> Callable[[Any], str | None]:
        cookie_user = super().get_user

        def get_user(handler: Any) -> str | None:
            user = cookie_user(handler)
            if user is not None and not isinstance(handler, WebSocketHandler) \
                    and user not in load_users(self.users_file):
                return None
            return user
        return _guarded(get_user)

    @property
    def login_handler(self) -> type[BasicLoginHandler]:
        return type("WorkbenchLoginHandler", (UsersFileLoginHandler,),
                    {"users_file": self.users_file, "_login_endpoint": self._login_endpoint,
                     "_login_template": self._login_template})


class OriginCheckedOAuthProvider(OAuthProvider):
    """Panel's OAuth login; websockets need an allowed Origin as well."""

    @property
    def get_user_async(self) -> Callable[[Any], Any]:
        oauth_user = super().get_user_async

        async def get_user(handler: Any) -> str | None:
            return await oauth_user(handler) if origin_allowed(handler) else None
        return get_user


def auth_provider(access: Access) -> AuthProvider:
    """The Bokeh auth provider serving ``access`` (set ``pn.config.oauth_provider`` first
    for OAuth).

    Parameters
    ----------
    access : Access
        The login in use.

    Returns
    -------
    bokeh.server.auth_provider.AuthProvider
        One of :class:`LocalAuthProvider`, :class:`UsersFileAuthProvider`,
        :class:`OriginCheckedOAuthProvider`.
    """
    if access.login == "users":
        return UsersFileAuthProvider(access.users_file)
    if access.login == "oauth":
        return OriginCheckedOAuthProvider()
    return LocalAuthProvider()
