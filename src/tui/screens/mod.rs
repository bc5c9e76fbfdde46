//! The screens, one folder each: its state and what its keys do (`mod.rs`: `on_action` →
//! an intent the app carries out), its key table (`keys.rs`), its words (`words.rs`) and its
//! drawing (`view.rs`, from its own state and a `Look`). A screen imports the layers below
//! (`base`, `state`, `widgets`), never another screen or the app.

pub mod compare;
pub mod overview;
pub mod picker;
pub mod popup;
pub mod run;
pub mod runs;
pub mod sweep;
pub mod sweeps;
