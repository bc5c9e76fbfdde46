//! The terminal UI (lands from the `tui` branch).

pub fn run(_runs_dir: &std::path::Path) -> Result<(), String> {
    Err("the TUI is not built yet".into())
}
