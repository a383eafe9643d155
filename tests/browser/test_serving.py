"""The served dashboard accepts websocket sessions only from allowed origins."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from tests.browser.support import served_dashboard


async def websocket_status(url: str, origin: str | None) -> str:
    headers = {"Origin": origin} if origin is not None else {}
    try:
        connection = await websocket_connect(HTTPRequest(url, headers=headers))
    except HTTPClientError as exc:
        return str(exc.code)
    connection.close()
    return "open"


def status(url: str, origin: str | None) -> str:
    # Its own thread and event loop: Playwright's loop may already run in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, websocket_status(url, origin)).result()


def test_only_this_machine_may_connect_by_default(plan_copy):
    with served_dashboard(plan_copy) as url:
        port = url.rstrip("/").rsplit(":", 1)[1]
        socket = url.replace("http://", "ws://") + "ws"
        assert status(socket, f"http://127.0.0.1:{port}") == "open"
        assert status(socket, "http://elsewhere.example") == "403"
        # Tornado lets an upgrade without Origin through ("not a browser"): we do not.
        assert status(socket, None) == "403"
