"""The users file of a shared dashboard: who may log in, with which password and role.

A JSON object, one entry per user name, written by ``workbench users add``::

    {"dana": {"role": "editor", "password": "scrypt$16384$8$1$<salt>$<hash>"}}

Passwords are never stored: only a salted ``hashlib.scrypt`` hash (salt and hash in
base64), checked in constant time. Roles are ``editor`` (may change and save the
plan) and ``viewer`` (the read-only dashboard).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROLES = ("editor", "viewer")
#: scrypt cost: 16 MiB of memory and ~50 ms a check, a brake on guessing.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16


@dataclass(frozen=True)
class User:
    """One entry of a users file.

    Attributes
    ----------
    name : str
        The login name.
    role : str
        ``editor`` or ``viewer``.
    password_hash : str
        ``scrypt$N$r$p$salt$hash`` as :func:`hash_password` writes it.
    """

    name: str
    role: str
    password_hash: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash of ``password``, with its parameters, as one string.

    Parameters
    ----------
    password : str
        The password as typed.
    salt : bytes, optional
        Random salt; a fresh 16-byte one by default (pass one only in tests).

    Returns
    -------
    str
        ``scrypt$N$r$p$salt$hash``, salt and hash in base64.

    Examples
    --------
    >>> stored = hash_password("correct horse")
    >>> stored.split("$")[:4]
    ['scrypt', '16384', '8', '1']
    >>> check_password("correct horse", stored), check_password("wrong", stored)
    (True, False)
    """
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                            p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash written by :func:`hash_password`.

    Parameters
    ----------
    password : str
        The password as typed at the login form.
    stored : str
        The stored hash; anything malformed never matches.

    Returns
    -------
    bool
        True only for the right password (compared in constant time).
    """
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = hashlib.scrypt(password.encode("utf-8"),
                                salt=base64.b64decode(salt, validate=True),
                                n=int(n), r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def load_users(path: str | Path) -> dict[str, User]:
    """Read a users file.

    Parameters
    ----------
    path : str or Path
        The file; a missing file has no users.

    Returns
    -------
    dict of str to User
        By user name.

    Raises
    ------
    ValueError
        When the file is not a JSON object of ``{"role": ..., "password": ...}``
        entries with a known role.
    """
    path = Path(path)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8") or "{}")
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of users")
    users = {}
    for name, entry in data.items():
        if not isinstance(entry, dict) or entry.get("role") not in ROLES \
                or not isinstance(entry.get("password"), str):
            raise ValueError(f"{path}: user {name!r} needs a role ({' or '.join(ROLES)}) "
                             "and a password hash")
        users[name] = User(name, entry["role"], entry["password"])
    return users


def add_user(path: str | Path, name: str, password: str, role: str) -> User:
    """Add or replace a user in a users file (created if missing; readable by its owner only).

    Parameters
    ----------
    path : str or Path
        The users file.
    name : str
        Login name (no blanks around it).
    password : str
        The password as typed; only its hash is written.
    role : str
        ``editor`` or ``viewer``.

    Returns
    -------
    User
        The entry written.

    Raises
    ------
    ValueError
        For an empty name or password, or an unknown role.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "users.json"
    >>> add_user(path, "sam", "s3cret!", "viewer").role
    'viewer'
    >>> user = load_users(path)["sam"]
    >>> check_password("s3cret!", user.password_hash), "s3cret!" in path.read_text()
    (True, False)
    """
    name = name.strip()
    if not name:
        raise ValueError("The user name is empty.")
    if not password:
        raise ValueError("The password is empty.")
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}: use {' or '.join(ROLES)}.")
    path = Path(path)
    entries = {user.name: {"role": user.role, "password": user.password_hash}
               for user in load_users(path).values()}
    user = User(name, role, hash_password(password))
    entries[name] = {"role": role, "password": user.password_hash}
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                               dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:  # mkstemp: mode 0600
            json.dump(entries, out, indent=2, sort_keys=True)
            out.write("\n")
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return user
