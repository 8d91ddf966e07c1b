#!/usr/bin/env python3
"""Compile cost of #[interlace_endpoint] against the same endpoints by hand.

For each N it writes two crates under target/compile-cost/: one declaring N
endpoints with the attribute, one with the same N endpoints as plain serde
structs with hand-written `Endpoint` impls. It builds their dependencies
once, then times `cargo check` of each crate alone (median of --runs runs,
from scratch, runs of the two crates interleaved), or with --instructions
counts the instructions rustc executes for it (callgrind; repeatable where
wall-clock time on a shared machine is not). With --expanded it measures the
macro-expanded source with nightly's `-Zunpretty=expanded`.

    python3 benches/compile_cost.py --sizes 50,200,800 --runs 5 --optimized-macros
    python3 benches/compile_cost.py --sizes 50,200 --instructions --optimized-macros
    python3 benches/compile_cost.py --sizes 50,100 --instructions --optimized-macros --mode touch

With --client-method the declarations carry `client_method`, which
measures them with the `<Name>Ext` trait and its impl (the `interlace`
crate's own declarations all have one).

The attribute's declarations are checked against an OpenAPI document of the
N operations, written next to the crate (`contract = "contract.json"`), as a
team checking its own API would; with --unlisted they opt out instead
(`unlisted = "..."`), which measures the attribute without the contract.
"""

import argparse
import json
import os
import pathlib
import re
import shlex
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "compile-cost"

SHAPES = 4


CHECK = 'contract = "contract.json"'


def contract(n: int) -> dict:
    """An OpenAPI document of the N operations the attribute crate declares."""
    def string(name, place, required):
        return {"name": name, "in": place, "required": required, "schema": {"type": "string"}}

    def body(props, required):
        return {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": required, "properties": props}}}}

    ok = {"200": {"description": "ok"}}
    text = {"type": "string"}
    paths = {}
    for i in range(n):
        shape, item = i % SHAPES, f"/open-api/v3/things{i}/{{thingId}}"
        thing = string("thingId", "path", True)
        if shape == 0:
            paths[item] = {"get": {"operationId": f"getThing{i}", "responses": ok, "parameters": [
                thing, string("accountId", "query", True), string("label", "query", False)]}}
        elif shape == 1:
            paths[f"/open-api/v3/things{i}"] = {"post": {
                "operationId": f"createThing{i}", "responses": ok,
                "parameters": [string("Idempotency-Key", "header", False)],
                "requestBody": body({"accountId": text, "name": text,
                                     "amount": {"type": "string", "format": "decimal"}, "note": text},
                                    ["accountId", "name"])}}
        elif shape == 2:
            paths[item] = {"put": {"operationId": f"updateThing{i}", "responses": ok, "parameters": [thing],
                                   "requestBody": body({"name": text, "label": text}, ["name"])}}
        else:
            paths[item] = {"delete": {"operationId": f"deleteThing{i}", "responses": ok,
                                      "parameters": [thing, string("accountId", "query", True)]}}
    return {"openapi": "3.1.0", "info": {"title": "compile cost", "version": "0"}, "paths": paths}


def attribute_endpoint(i: int) -> str:
    shape = i % SHAPES
    if shape == 0:
        return f'''
/// Get thing {i}.
#[interlace_endpoint(GET "/open-api/v3/things{i}/{{thing_id}}", response = Resp, {CHECK})]
pub struct GetThing{i} {{
    pub thing_id: String,
    pub account_id: String,
    pub label: Option<String>,
}}
'''
    if shape == 1:
        return f'''
/// Create thing {i}.
#[interlace_endpoint(POST "/open-api/v3/things{i}", response = Resp, idempotent, {CHECK})]
pub struct CreateThing{i} {{
    pub account_id: String,
    pub name: String,
    pub amount: Option<interlace::types::Amount>,
    pub note: Option<String>,
}}
'''
    if shape == 2:
        return f'''
/// Update thing {i}.
#[interlace_endpoint(PUT "/open-api/v3/things{i}/{{thing_id}}", response = Resp, {CHECK})]
pub struct UpdateThing{i} {{
    pub thing_id: String,
    pub name: String,
    pub label: Option<String>,
}}
'''
    return f'''
/// Delete thing {i}.
#[interlace_endpoint(DELETE "/open-api/v3/things{i}/{{thing_id}}", response = interlace::NoContent, {CHECK})]
pub struct DeleteThing{i} {{
    pub thing_id: String,
    pub account_id: String,
}}
'''


def hand_endpoint(i: int) -> str:
    shape = i % SHAPES
    if shape == 0:
        return f'''
/// Get thing {i}.
#[derive(Debug, Clone)]
pub struct GetThing{i} {{
    pub thing_id: String,
    pub account_id: String,
    pub label: Option<String>,
}}

impl Endpoint for GetThing{i} {{
    type Response = Resp;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("get_thing{i}", HttpMethod::Get, "/open-api/v3/things{i}/{{thing_id}}");
    fn write_request(&self, req: &mut RequestParts) {{
        req.path("/open-api/v3/things{i}/");
        req.path_param(&self.thing_id);
        req.query("accountId", &self.account_id);
        req.query("label", &self.label);
    }}
}}
'''
    if shape == 1:
        return f'''
/// Create thing {i}.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateThing{i} {{
    pub account_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<interlace::types::Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}}

impl Endpoint for CreateThing{i} {{
    type Response = Resp;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("create_thing{i}", HttpMethod::Post, "/open-api/v3/things{i}").idempotent();
    fn write_request(&self, req: &mut RequestParts) {{
        req.path("/open-api/v3/things{i}");
        req.json_body(self);
    }}
}}
'''
    if shape == 2:
        return f'''
/// Update thing {i}.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateThing{i} {{
    #[serde(skip)]
    pub thing_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}}

impl Endpoint for UpdateThing{i} {{
    type Response = Resp;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("update_thing{i}", HttpMethod::Put, "/open-api/v3/things{i}/{{thing_id}}");
    fn write_request(&self, req: &mut RequestParts) {{
        req.path("/open-api/v3/things{i}/");
        req.path_param(&self.thing_id);
        req.json_body(self);
    }}
}}
'''
    return f'''
/// Delete thing {i}.
#[derive(Debug, Clone)]
pub struct DeleteThing{i} {{
    pub thing_id: String,
    pub account_id: String,
}}

impl Endpoint for DeleteThing{i} {{
    type Response = interlace::NoContent;
    const META: &'static EndpointMeta =
        &EndpointMeta::new("delete_thing{i}", HttpMethod::Delete, "/open-api/v3/things{i}/{{thing_id}}");
    fn write_request(&self, req: &mut RequestParts) {{
        req.path("/open-api/v3/things{i}/");
        req.path_param(&self.thing_id);
        req.query("accountId", &self.account_id);
    }}
}}
'''


RESP = '''
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Resp {
    pub id: String,
    pub status: Option<String>,
}
'''


PROFILE = ""


def write_crate(kind: str, n: int) -> pathlib.Path:
    path = WORK / f"{kind}-{n}"
    (path / "src").mkdir(parents=True, exist_ok=True)
    (path / "Cargo.toml").write_text(f'''[package]
name = "cc-{kind}-{n}"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
interlace = {{ path = "{ROOT}" }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
{PROFILE}''')
    if kind == "attribute":
        head = "#![allow(dead_code)]\nuse interlace::interlace_endpoint;\n" + RESP
        body = "".join(attribute_endpoint(i) for i in range(n)).replace("{CHECK}", CHECK)
        (path / "contract.json").write_text(json.dumps(contract(n)))
    else:
        head = ("#![allow(dead_code)]\nuse interlace::endpoint::{Endpoint, EndpointMeta, HttpMethod, RequestParts};\n"
                "use serde::Serialize;\n" + RESP)
        body = "".join(hand_endpoint(i) for i in range(n))
    (path / "src" / "lib.rs").write_text(head + body)
    return path


def run(cmd, cwd, env):
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def prepare(path: pathlib.Path, mode: str, env):
    if mode == "fresh":
        # The crate's own artifacts and incremental state go; its dependencies stay built.
        run(["cargo", "clean", "-q", "-p", "cc-" + path.name], path, env)
    else:
        (path / "src" / "lib.rs").touch()


def check_times(paths, runs: int, env, mode: str):
    """Median `cargo check` time per crate; runs alternate between the crates
    so that a slow moment of a shared machine hits both alike."""
    for path in paths:
        run(["cargo", "check", "-q"], path, env)  # dependencies, once
    times = {path: [] for path in paths}
    for _ in range(runs):
        for path in paths:
            prepare(path, mode, env)
            start = time.perf_counter()
            run(["cargo", "check", "-q"], path, env)
            times[path].append(time.perf_counter() - start)
    return [statistics.median(times[path]) for path in paths]


def rustc_command(path: pathlib.Path, env):
    """The rustc invocation cargo makes to check the crate itself."""
    run(["cargo", "clean", "-q", "-p", "cc-" + path.name], path, env)
    out = subprocess.run(["cargo", "check", "-v"], cwd=path, env=env, check=True,
                         capture_output=True, text=True).stderr
    line = [l for l in out.splitlines() if "Running `" in l][-1]
    args = shlex.split(line.split("`", 1)[1].rsplit("`", 1)[0])
    return [a for a in args if a != "--error-format=json" and not a.startswith("--json")]


def instructions(path: pathlib.Path, mode: str, env) -> int:
    """Instructions rustc executes for the crate (callgrind): the same on every
    run, so small differences are visible where wall-clock time is noise."""
    args = rustc_command(path, env)
    with tempfile.TemporaryDirectory() as incremental:
        args = [("incremental=" + incremental) if a.startswith("incremental=") else a for a in args]
        if mode == "touch":
            run(args, path, env)
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + args,
                              cwd=path, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"rustc under callgrind failed in {path}:\n{done.stderr[-4000:]}")
        out = done.stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def expanded_size(path: pathlib.Path, env) -> int:
    out = subprocess.run(
        ["cargo", "+nightly", "rustc", "-q", "--lib", "--profile=check", "--", "-Zunpretty=expanded"],
        cwd=path, env=env, check=True, capture_output=True, text=True,
    ).stdout
    return len(out.encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50,200,800")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mode", choices=["fresh", "touch"], default="fresh",
                        help="fresh: check the crate from scratch each run (default); "
                             "touch: re-check after touching lib.rs, reusing incremental state")
    parser.add_argument("--expanded", action="store_true", help="also measure expanded code (needs nightly)")
    parser.add_argument("--instructions", action="store_true",
                        help="count rustc's instructions with callgrind instead of timing (needs valgrind)")
    parser.add_argument("--unlisted", action="store_true",
                        help="declare the endpoints `unlisted` instead of checking them against a contract")
    parser.add_argument("--client-method", action="store_true",
                        help="declare the endpoints `client_method` (a `<Name>Ext` trait each)")
    parser.add_argument("--optimized-macros", action="store_true",
                        help="build proc macros (ours and serde's) with opt-level 3, as [profile.dev.build-override] does")
    args = parser.parse_args()
    global PROFILE, CHECK
    if args.unlisted:
        CHECK = 'unlisted = "compile-cost fixture"'
    if args.client_method:
        CHECK += ", client_method"
    if args.optimized_macros:
        PROFILE = "\n[profile.dev.build-override]\nopt-level = 3\n"
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    nightly_env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target-nightly"))
    unit, scale = ("M instr", 1e-6) if args.instructions else ("s", 1.0)
    print(f"mode: {args.mode}; {'rustc instructions (callgrind)' if args.instructions else f'median of {args.runs} cargo check runs'}")
    print(f"{'N':>5} {'attribute ' + unit:>16} {'by hand ' + unit:>14} {'ratio':>6}"
          + ("   expanded KiB (attr / hand, ratio)" if args.expanded else ""))
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        attr, hand = write_crate("attribute", n), write_crate("hand", n)
        if args.instructions:
            ta, th = instructions(attr, args.mode, env), instructions(hand, args.mode, env)
        else:
            ta, th = check_times([attr, hand], args.runs, env, args.mode)
        rows.append((n, ta, th))
        line = f"{n:>5} {ta * scale:>16.2f} {th * scale:>14.2f} {ta / th:>6.2f}"
        if args.expanded:
            ea, eh = expanded_size(attr, nightly_env), expanded_size(hand, nightly_env)
            line += f"   {ea / 1024:>8.0f} / {eh / 1024:<8.0f} {ea / eh:.2f}"
        print(line, flush=True)
    if len(rows) >= 2:
        (n1, a1, h1), (n2, a2, h2) = rows[-2], rows[-1]
        per_a, per_h = (a2 - a1) / (n2 - n1), (h2 - h1) / (n2 - n1)
        what = "M instructions" if args.instructions else "ms"
        k = 1e-6 if args.instructions else 1e3
        print(f"per endpoint (N = {n1} -> {n2}, fixed cost removed): "
              f"{per_a * k:.2f} {what} with the attribute, {per_h * k:.2f} by hand, ratio {per_a / per_h:.2f}")


if __name__ == "__main__":
    main()
