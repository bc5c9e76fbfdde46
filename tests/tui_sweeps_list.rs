//! The Sweeps tab's table: each sweep directory with its figure and what it is (its preset's
//! title; the preset's name too where the directory is named otherwise, or alone where the
//! sweep.ron cannot be read).

mod tui_support;

use tui_support::{render, sweeps_tab, temp_dir, write_sweep};

#[test]
fn each_sweep_shows_its_figure_and_title() {
    let root = temp_dir("sweeps-list");
    let sweep = write_sweep(&root);
    // The same sweep under another name, and a directory whose sweep.ron is not a preset.
    let renamed = root.join("my-rerun");
    std::fs::create_dir_all(&renamed).unwrap();
    std::fs::copy(sweep.join("sweep.ron"), renamed.join("sweep.ron")).unwrap();
    let broken = root.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("sweep.ron"), "not a preset").unwrap();

    let app = sweeps_tab(&root);
    let screen = render(&app, 120, 20);
    let line = |dir: &str| {
        (screen.lines())
            .find(|l| l.contains(&format!(" {dir} ")))
            .unwrap_or_else(|| panic!("no line for {dir}:\n{screen}"))
            .to_string()
    };
    let own = line("tiny-phase");
    assert!(
        own.contains(" 1 ") && own.contains("A tiny phase diagram"),
        "{own}"
    );
    assert!(
        !own.contains("tiny-phase: "),
        "the name is not repeated: {own}"
    );
    let other = line("my-rerun");
    assert!(
        other.contains("tiny-phase: A tiny phase diagram"),
        "{other}"
    );
    let unreadable = line("broken");
    assert!(
        unreadable.contains(" ? ") && !unreadable.contains("?:"),
        "{unreadable}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}
