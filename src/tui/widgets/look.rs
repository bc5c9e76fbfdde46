//! What every view draws with besides its own state: the theme and how the step axes and the
//! run charts are shown. Views take this instead of the whole `App`.

use super::theme::Theme;

#[derive(Clone, Copy, Debug)]
pub struct Look<'a> {
    pub theme: &'a Theme,
    /// The step axes are logarithmic (key `l`).
    pub log_x: bool,
    /// The run and compare views show the circuit progress measures (key `f`).
    pub circuits: bool,
}
