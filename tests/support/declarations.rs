//! Every endpoint the facade declares, found in `specs/`: the attribute's
//! structs, the `impl Endpoint for` types written by hand there, and the
//! OAuth calls the runtime writes by hand (read from their `META`, so no
//! file outside this package is read).

use std::collections::BTreeMap;
use std::path::Path;

use interlace::endpoint::Endpoint;

/// One declared endpoint.
#[derive(Debug, Clone)]
pub struct Declared {
    pub method: String,
    pub path: String,
    /// Whether the declaration opts out of the contract (`unlisted`).
    pub unlisted: bool,
}

/// The declared endpoints by struct name.
pub fn declared() -> BTreeMap<String, Declared> {
    let mut out = BTreeMap::new();
    for meta in [
        <interlace::oauth::Authorize as Endpoint>::META,
        <interlace::oauth::AccessToken as Endpoint>::META,
        <interlace::oauth::RefreshToken as Endpoint>::META,
    ] {
        let name = match meta.name {
            "oauth_authorize" => "Authorize",
            "oauth_access_token" => "AccessToken",
            "oauth_refresh_token" => "RefreshToken",
            other => panic!("an OAuth call named {other}"),
        };
        out.insert(
            name.to_string(),
            Declared {
                method: meta.method.as_str().to_string(),
                path: meta.path_template.to_string(),
                unlisted: false,
            },
        );
    }
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    for entry in std::fs::read_dir(specs).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            read(&std::fs::read_to_string(&path).unwrap(), &mut out);
        }
    }
    out
}

fn read(text: &str, out: &mut BTreeMap<String, Declared>) {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("#[interlace_endpoint(") {
            let attribute: String = lines[i..]
                .iter()
                .take_while(|l| !l.starts_with("pub struct "))
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let (method, rest) = rest.split_once(' ').unwrap();
            let path = rest.trim_start_matches('"').split('"').next().unwrap();
            out.insert(
                struct_after(&lines[i..]),
                Declared {
                    method: method.to_string(),
                    path: path.to_string(),
                    unlisted: attribute.contains("unlisted"),
                },
            );
        } else if let Some(rest) = line.strip_prefix("impl Endpoint for ") {
            let name = rest.split([' ', '{']).next().unwrap().to_string();
            let (method, path) = lines[i..]
                .iter()
                .enumerate()
                .find_map(|(j, l)| {
                    let method = l.strip_prefix("HttpMethod::")?;
                    let path = lines[i + j + 1].trim_matches(|c| c == '"' || c == ',');
                    Some((method.trim_end_matches(',').to_ascii_uppercase(), path))
                })
                .unwrap();
            out.insert(
                name,
                Declared {
                    method,
                    path: path.to_string(),
                    unlisted: false,
                },
            );
        }
    }
}

fn struct_after(lines: &[&str]) -> String {
    lines
        .iter()
        .find_map(|l| l.strip_prefix("pub struct "))
        .map(|rest| rest.split([' ', '{', ';']).next().unwrap().to_string())
        .unwrap()
}
