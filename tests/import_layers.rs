//! The imports of `src/` read as a graph of files: no file may reach itself through them
//! (an import circle), nor may a top-level module through another, and in `src/tui/` no
//! import may run up a layer.
//!
//! A path is followed to the file that defines what it names: `super::Action` in
//! `tui/base/binding.rs` leads through `base/mod.rs`'s `pub use action::Action` to
//! `base/action.rs`, so a folder's `mod.rs` re-exporting its files makes no circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers of `src/tui/`, lowest first: a file may import its own layer's files and lower
/// ones. Folders are matched before single files; the screens may not import each other.
const TUI_LAYERS: &[&[&str]] = &[
    &["tui/base", "tui/runner", "tui/input", "tui/terminal"],
    &["tui/state"],
    &["tui/widgets"],
    &["tui/screens"],
    &["tui/watch"],
    &["tui/msg"],
    &["tui/keys"],
    &["tui/app"],
    &["tui/view"],
    &["tui"],
];

/// One source file: its module path (`tui/base/action`, `tui` for `tui/mod.rs`) and code.
struct File {
    module: String,
    code: String,
}

fn read_files(dir: &Path, files: &mut Vec<File>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_files(&path, files);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix("src").unwrap().with_extension("");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let module = match rel.as_str() {
            "lib" => String::new(),
            "main" => continue, // the binary: a crate of its own
            r => r.strip_suffix("/mod").unwrap_or(r).to_string(),
        };
        let code = without_tests(&without_comments(&std::fs::read_to_string(&path).unwrap()));
        files.push(File { module, code });
    }
}

/// The code with `//` comments (doc comments included) and string literals blanked.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' && prev != '\'' {
                in_str = !in_str;
            } else if !in_str {
                kept.push(c);
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The code without its `#[cfg(test)] mod … { … }` blocks (`#[cfg(all(test, …))]` too): unit
/// tests may import freely.
fn without_tests(code: &str) -> String {
    let mut code = code.to_string();
    while let Some(at) = test_module(&code) {
        let open = at + code[at..].find('{').unwrap();
        let mut depth = 0;
        let mut end = code.len();
        for (i, c) in code[open..].char_indices() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            if depth == 0 {
                end = open + i + 1;
                break;
            }
        }
        code.replace_range(at..end, "");
    }
    code
}

/// Where the first test module starts: a `#[cfg(test)]` or `#[cfg(all(test, …))]` line
/// followed by `mod `.
fn test_module(code: &str) -> Option<usize> {
    ["#[cfg(test)]\nmod ", "#[cfg(all(test, "]
        .iter()
        .filter_map(|start| {
            code.match_indices(start).map(|(at, _)| at).find(|&at| {
                let line_end = at + code[at..].find('\n').unwrap_or(code.len() - at);
                code[line_end..].starts_with("\nmod ")
            })
        })
        .min()
}

/// The paths a `use` tree names, expanded: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let mut tree = tree.to_string();
    while let Some(at) = tree.find(" as ") {
        let name = tree[at + 4..].trim_start();
        let len = name
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        let end = tree.len() - name.len() + len;
        tree.replace_range(at..end, "");
    }
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree.trim_end_matches("::self").to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.trim_end_matches("::").to_string(),
            _ => format!("{prefix}{p}"),
        })
        .collect()
}

/// Every path a file names: its `use` trees expanded, and `crate::…` / `super::…` paths in
/// code.
fn paths(code: &str) -> Vec<String> {
    let mut out: Vec<String> = uses(code)
        .into_iter()
        .flat_map(|(_, t)| expand(&t))
        .collect();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (i, _) in code.match_indices(start) {
            let before = i.checked_sub(1).map(|j| bytes[j] as char);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let len = code[i..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(code.len() - i);
            let path = code[i..i + len].trim_end_matches(':');
            if path.len() > start.len() {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// The `use` statements of some code: whether each is `pub`, and its tree.
fn uses(code: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = find_use(rest) {
        let end = at + rest[at..].find(';').unwrap();
        let line_start = rest[..at].rfind('\n').map_or(0, |n| n + 1);
        let public = rest[line_start..at].trim().starts_with("pub");
        out.push((public, rest[at + 4..end].trim().to_string()));
        rest = &rest[end..];
    }
    out
}

/// Where the next `use ` statement starts (at the start of a line, after any `pub`).
fn find_use(code: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = code[from..].find("use ") {
        let at = from + i;
        let line_start = code[..at].rfind('\n').map_or(0, |n| n + 1);
        let lead = code[line_start..at].trim();
        if lead.is_empty() || lead.starts_with("pub") {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// The modules that exist, and per module the names it re-exports from a child module.
struct Crate {
    modules: BTreeSet<String>,
    reexports: BTreeMap<(String, String), String>,
}

fn join(base: &str, seg: &str) -> String {
    if base.is_empty() {
        seg.to_string()
    } else {
        format!("{base}/{seg}")
    }
}

impl Crate {
    fn new(files: &[File]) -> Self {
        let modules: BTreeSet<String> = files.iter().map(|f| f.module.clone()).collect();
        let mut reexports = BTreeMap::new();
        for f in files {
            for (_, tree) in uses(&f.code).into_iter().filter(|(public, _)| *public) {
                for path in expand(&tree) {
                    let segs: Vec<&str> = path.split("::").collect();
                    let child = join(&f.module, segs[0]);
                    if segs.len() == 2 && modules.contains(&child) {
                        reexports.insert((f.module.clone(), segs[1].to_string()), child);
                    }
                }
            }
        }
        Self { modules, reexports }
    }

    /// The file a path used in module `from` leads to, if it is a module of this crate.
    fn resolve(&self, from: &str, path: &str) -> Option<String> {
        let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let mut module = match segs.first()? {
            &"crate" | &"super" | &"self" => String::new(),
            first if self.modules.contains(&join(from, first)) => from.to_string(),
            _ => return None,
        };
        let mut i = 0;
        match segs[0] {
            "crate" => i = 1,
            "self" => {
                module = from.to_string();
                i = 1;
            }
            "super" => {
                module = from.to_string();
                while segs.get(i) == Some(&"super") {
                    module = module
                        .rfind('/')
                        .map_or(String::new(), |j| module[..j].into());
                    i += 1;
                }
            }
            _ => {}
        }
        while let Some(seg) = segs.get(i) {
            let child = join(&module, seg);
            if self.modules.contains(&child) {
                module = child;
                i += 1;
                continue;
            }
            if let Some(to) = self.reexports.get(&(module.clone(), seg.to_string())) {
                module = to.clone();
            }
            break;
        }
        Some(module)
    }
}

/// The import graph: file → the files it imports from.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    read_files(Path::new("src"), &mut files);
    let krate = Crate::new(&files);
    let mut edges = BTreeMap::new();
    for f in &files {
        let to: BTreeSet<String> = paths(&f.code)
            .iter()
            .filter_map(|p| krate.resolve(&f.module, p))
            .filter(|m| *m != f.module)
            .collect();
        edges.insert(f.module.clone(), to);
    }
    edges
}

/// Whether `module` lies inside `ancestor` (a child's `super::Item` names its parent's own
/// items: the parent's shared ground, not an import that makes a circle with it).
fn inside(module: &str, ancestor: &str) -> bool {
    ancestor.is_empty() || module.starts_with(&format!("{ancestor}/"))
}

/// The import graph without the edges from a file to the modules it lies in.
fn without_ancestors(
    edges: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    edges
        .iter()
        .map(|(a, to)| {
            let to = to.iter().filter(|b| !inside(a, b)).cloned().collect();
            (a.clone(), to)
        })
        .collect()
}

/// The circles: strongly connected sets of more than one file (Tarjan's algorithm).
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w.as_str()) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w.as_str()]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w.as_str()) {
                    let low = self.low[v].min(self.index[w.as_str()]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut set = Vec::new();
                while let Some(w) = self.stack.pop() {
                    set.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if set.len() > 1 {
                    set.sort();
                    self.found.push(set);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found.sort();
    walk.found
}

#[test]
fn no_import_circle() {
    let edges = without_ancestors(&graph());
    assert_no_circle(circles(&edges), &edges);
}

/// The same between the top-level modules of `src/` (`preset/*` is `preset`): a folder that
/// imports from a module importing from it is tangled even where no two files are.
#[test]
fn no_circle_between_modules() {
    let top = |m: &str| m.split('/').next().unwrap_or_default().to_string();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in graph() {
        let from = top(&from);
        if from.is_empty() {
            continue; // lib.rs declares every module
        }
        let to: BTreeSet<String> = to
            .iter()
            .map(|t| top(t))
            .filter(|t| !t.is_empty())
            .collect();
        edges
            .entry(from.clone())
            .or_default()
            .extend(to.into_iter().filter(|t| *t != from));
    }
    assert_no_circle(circles(&edges), &edges);
}

/// Fails on any circle `found`, naming the imports that make it.
fn assert_no_circle(found: Vec<Vec<String>>, edges: &BTreeMap<String, BTreeSet<String>>) {
    let why: Vec<String> = found
        .iter()
        .flat_map(|c| {
            c.iter().flat_map(move |a| {
                edges[a]
                    .iter()
                    .filter(|b| c.contains(b))
                    .map(move |b| format!("{a} → {b}"))
            })
        })
        .collect();
    assert!(
        found.is_empty(),
        "import circles: {found:#?}\nthrough: {why:#?}"
    );
}

/// The layer of a TUI file: the first entry of `TUI_LAYERS` it lies in.
fn layer(module: &str) -> Option<usize> {
    TUI_LAYERS.iter().position(|names| {
        names
            .iter()
            .any(|n| module == *n || module.starts_with(&format!("{n}/")))
    })
}

/// The screen a file belongs to (`tui/screens/<screen>/…`).
fn screen(module: &str) -> Option<&str> {
    module.strip_prefix("tui/screens/")?.split('/').next()
}

#[test]
fn tui_imports_run_down_the_layers_and_screens_do_not_import_each_other() {
    let mut wrong = Vec::new();
    for (from, to) in &graph() {
        let Some(here) = layer(from) else { continue };
        for t in to.iter().filter(|t| t.starts_with("tui")) {
            let there = layer(t).unwrap_or_else(|| panic!("{t} is in no layer of TUI_LAYERS"));
            let sibling =
                screen(from).is_some() && screen(t).is_some() && screen(from) != screen(t);
            if there > here || sibling {
                wrong.push(format!("{from} → {t}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up a layer or across screens: {wrong:#?}"
    );
}

#[test]
fn the_import_reader_follows_use_trees_and_reexports() {
    assert_eq!(
        expand("super::{a, b::{c, D as E}, self}"),
        ["super::a", "super::b::c", "super::b::D", "super"]
    );
    assert_eq!(
        without_tests("a\n#[cfg(all(test, unix))]\nmod t {\n    use crate::b;\n}\nc\n"),
        "a\n\nc\n"
    );
    let files = [
        File {
            module: "tui".into(),
            code: String::new(),
        },
        File {
            module: "tui/base".into(),
            code: "mod action;\npub use action::Action;\n".into(),
        },
        File {
            module: "tui/base/action".into(),
            code: String::new(),
        },
        File {
            module: "tui/base/binding".into(),
            code: String::new(),
        },
    ];
    let krate = Crate::new(&files);
    let to = |from: &str, path: &str| krate.resolve(from, path);
    assert_eq!(
        to("tui/base/binding", "super::Action").as_deref(),
        Some("tui/base/action")
    );
    assert_eq!(
        to("tui/base", "action::Action").as_deref(),
        Some("tui/base/action")
    );
    assert_eq!(
        to("x", "crate::tui::base::Other").as_deref(),
        Some("tui/base")
    );
    assert_eq!(to("x", "ratatui::Frame"), None);
}
