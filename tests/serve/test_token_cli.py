"""`communique token create|list|revoke` through the real CLI: the secret is shown once, stored
only hashed, and a revoked token no longer verifies."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from communique import api
from communique.serve import tokens
from tests.conftest import run_cli


def test_a_token_is_created_listed_and_revoked(register):
    code, out, err = run_cli("token", "create", "minh", "--scope", "read", "--db", register["db"])
    assert code == 0, err
    secret = out.split()[0]
    assert secret.startswith("cq_") and "scope read" in out
    store = api.open_store(register["db"])
    assert tokens.verify(store, secret)["name"] == "minh"
    code, out, _ = run_cli("token", "list", "--format", "json", "--db", register["db"])
    listed = {t["name"]: t for t in json.loads(out)}
    assert listed["minh"]["scope"] == "read" and "token" not in listed["minh"]
    with store.engine.connect() as conn:
        stored = conn.execute(text("select secret_sha256 from tokens where name = 'minh'")).scalar()
    assert secret.split("_", 2)[2] not in stored and len(stored) == 64
    code, out, _ = run_cli("token", "revoke", listed["minh"]["id"], "--db", register["db"])
    assert code == 0 and "revoked" in out
    with pytest.raises(tokens.Unauthorised):
        tokens.verify(store, secret)


@pytest.mark.parametrize("args", [("token", "create", "bad name!"), ("token", "create", "x", "--scope", "root"),
                                  ("token", "revoke", "000000000000")])
def test_bad_token_commands_are_one_line_errors(register, args):
    code, _, err = run_cli(*args, "--db", register["db"])
    assert code != 0 and len(err.strip().splitlines()) <= 3 and "Traceback" not in err
