//! The core's floors (docs/architecture.md), checked from the source: every
//! module imports only from floors below its own, a task module imports no
//! other task module, no import circle remains among the files, and no
//! source file is over 1,000 lines.
//!
//! Imports are read from the code, comments and test modules left out: every
//! `crate::` and `super::` path, in `use` statements and inline alike.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The floors, lowest first: the top-level modules of `src/`. On a floor
/// marked ordered, a module may also import the modules listed before it.
const FLOORS: &[(&str, bool, &[&str])] = &[
    (
        "text",
        true,
        &[
            "span", "label", "lines", "tokenize", "binfmt", "hash", "document",
        ],
    ),
    ("annotation data", false, &["annotation"]),
    ("shared models", true, &["syntax", "tagger"]),
    (
        "tasks",
        false,
        &["ner", "numeric", "claims", "attribution", "learn"],
    ),
    ("pipeline", false, &["annotate"]),
    ("export and import", true, &["export", "import"]),
    ("surfaces", false, &["wasm_api", "wasm_attribution"]),
];

/// Floor 4: tasks read each other's data (floor 2), never each other.
const TASKS: &str = "tasks";

/// The floor of a top-level module: (index, name, position on an ordered floor).
fn floor_of(module: &str) -> Option<(usize, &'static str, Option<usize>)> {
    FLOORS
        .iter()
        .enumerate()
        .find_map(|(i, (name, ordered, ms))| {
            let at = ms.iter().position(|m| *m == module)?;
            Some((i, *name, ordered.then_some(at)))
        })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/`: `attribution/mod.rs` is
/// `["attribution"]`, `attribution/features.rs` `["attribution", "features"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its test modules (a
/// `#[cfg(test)]` module runs only under `cargo test`; its imports are the
/// tests', not the module's).
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|n| n.trim_start().starts_with("mod "))
        {
            // Skip to the end of the module: its closing brace at the same indent.
            let indent = line.len() - t.len();
            let close = format!("{}}}", " ".repeat(indent));
            for l in lines.by_ref() {
                if l == close {
                    break;
                }
            }
            continue;
        }
        let code = match t.find("//") {
            Some(i) if !t[..i].contains('"') => &line[..line.len() - t.len() + i],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every path after `crate::` or `super::` in `code`, as segments, with
/// `use` groups (`crate::x::{a, b::c}`) expanded one level.
fn paths(code: &str) -> Vec<(bool, Vec<String>)> {
    let mut out = Vec::new();
    for (prefix, is_crate) in [("crate::", true), ("super::", false)] {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let mut segs = Vec::new();
            let mut s = rest;
            loop {
                let n = s
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(s.len());
                if n == 0 {
                    break;
                }
                segs.push(s[..n].to_string());
                s = &s[n..];
                if let Some(t) = s.strip_prefix("::") {
                    s = t;
                    if s.starts_with('{') {
                        let end = s.find('}').unwrap_or(s.len());
                        for item in s[1..end].split(',') {
                            let first = item.trim().split("::").next().unwrap_or("").trim();
                            if !first.is_empty() && first != "self" {
                                let mut p = segs.clone();
                                p.push(first.to_string());
                                out.push((is_crate, p));
                            }
                        }
                        segs.clear();
                        break;
                    }
                } else {
                    break;
                }
            }
            if !segs.is_empty() {
                out.push((is_crate, segs));
            }
        }
    }
    out
}

struct Crate {
    /// Module path -> its file's code.
    files: BTreeMap<Vec<String>, String>,
}

impl Crate {
    fn read() -> Crate {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut all = Vec::new();
        rust_files(&src, &mut all);
        let files = all
            .iter()
            .filter(|f| !f.starts_with(src.join("bin")))
            .map(|f| (module_of(&src, f), code_of(&fs::read_to_string(f).unwrap())))
            .collect();
        Crate { files }
    }

    /// The longest known module that `path` starts with.
    fn resolve(&self, path: &[String]) -> Option<Vec<String>> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|p| self.files.contains_key(p))
    }

    /// File-level imports: module -> the modules it uses (itself excluded).
    fn edges(&self) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
        let mut edges = BTreeMap::new();
        for (module, code) in &self.files {
            let mut to = BTreeSet::new();
            for (is_crate, p) in paths(code) {
                let full: Vec<String> = if is_crate {
                    p
                } else {
                    // `super::` from a/b.rs is a; from a/mod.rs (module a) it is the root.
                    let mut base = module.clone();
                    base.pop();
                    base.extend(p.into_iter().skip_while(|s| s == "super"));
                    base
                };
                match self.resolve(&full) {
                    Some(m) if &m != module && !m.is_empty() => {
                        to.insert(m);
                    }
                    Some(_) => {}
                    None => panic!(
                        "{}: `{}` names no module of the crate (import through the module, not a re-export of the root)",
                        module.join("::"),
                        full.join("::")
                    ),
                }
            }
            edges.insert(module.clone(), to);
        }
        edges
    }
}

#[test]
fn every_module_imports_only_from_the_floors_below_it() {
    let krate = Crate::read();
    let mut wrong = Vec::new();
    for (module, to) in krate.edges() {
        let Some(top) = module.first() else { continue };
        let Some((floor, name, at)) = floor_of(top) else {
            wrong.push(format!(
                "`{top}` is on no floor: add it to FLOORS and docs/architecture.md"
            ));
            continue;
        };
        for dep in to {
            let other = &dep[0];
            if other == top {
                continue;
            }
            let (dep_floor, dep_name, dep_at) = floor_of(other).expect("known module");
            let what = format!("{} ({name}) imports {}", module.join("::"), dep.join("::"));
            if dep_floor > floor {
                wrong.push(format!("{what}, a floor above it ({dep_name})"));
            } else if dep_floor == floor && name == TASKS {
                wrong.push(format!(
                    "{what}: tasks share data (crate::annotation), not code"
                ));
            } else if dep_floor == floor && !matches!((at, dep_at), (Some(a), Some(d)) if d < a) {
                wrong.push(format!("{what}, on its own floor and not before it"));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn no_import_circle_among_the_files() {
    let edges = Crate::read().edges();
    // Depth-first search for a back edge, reporting the circle it closes.
    fn visit(
        m: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for d in edges.get(m).into_iter().flatten() {
            match state.get(d) {
                Some(1) => {
                    let at = stack.iter().position(|x| x == d).unwrap();
                    let mut circle: Vec<String> =
                        stack[at..].iter().map(|x| x.join("::")).collect();
                    circle.push(d.join("::"));
                    return Some(circle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(d, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if !state.contains_key(m) {
            let circle = visit(m, &edges, &mut state, &mut Vec::new());
            assert!(
                circle.is_none(),
                "import circle: {}",
                circle.unwrap().join(" -> ")
            );
        }
    }
}

#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    for dir in ["www", "scripts", "tests/e2e"] {
        for e in fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                for e in fs::read_dir(&p).unwrap() {
                    files.push(e.unwrap().path());
                }
            } else {
                files.push(p);
            }
        }
    }
    let mut long = Vec::new();
    for f in files {
        let is_source = f
            .extension()
            .is_some_and(|e| ["rs", "js", "mjs", "css", "html"].contains(&e.to_str().unwrap()));
        // Generated: wasm-bindgen's output.
        let generated = f.components().any(|c| c.as_os_str() == "pkg");
        if is_source && !generated {
            let n = fs::read_to_string(&f).unwrap().lines().count();
            if n > 1000 {
                long.push(format!(
                    "{} has {n} lines",
                    f.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(long.is_empty(), "\n{}", long.join("\n"));
}

#[test]
fn the_checks_see_imports_and_skip_comments_and_tests() {
    let code = code_of(
        "use crate::tagger::{Model, features::Task};\n// crate::annotate in a comment\nlet x = crate::span::Span::new(0, 1); // crate::export\n#[cfg(test)]\nmod tests {\n    use crate::annotate::Annotator;\n}\n",
    );
    let found: Vec<String> = paths(&code)
        .into_iter()
        .map(|(_, p)| p.join("::"))
        .collect();
    assert_eq!(
        found,
        ["tagger::Model", "tagger::features", "span::Span::new"],
        "{code}"
    );
}

#[test]
fn the_architecture_doc_names_every_module_and_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("docs/architecture.md")).unwrap();
    let mut missing: Vec<String> = Crate::read()
        .files
        .keys()
        .filter_map(|m| m.last())
        .filter(|name| !["tests", "properties"].contains(&name.as_str()))
        .filter(|name| {
            !doc.contains(&format!("`{name}`")) && !doc.contains(&format!("`{name}.rs`"))
        })
        .cloned()
        .collect();
    for (_, _, modules) in FLOORS {
        for m in *modules {
            let exists =
                root.join(format!("src/{m}.rs")).exists() || root.join(format!("src/{m}")).exists();
            if !exists {
                missing.push(format!("{m} (in FLOORS, not in src/)"));
            }
        }
    }
    for folder in ["www/newsmark/", "www/app/", "src/bin/newsmark/"] {
        if !doc.contains(folder) {
            missing.push(folder.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name: {missing:?}"
    );
}
